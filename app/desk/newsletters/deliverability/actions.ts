"use server";

import { redirect } from "next/navigation";
import { deskAction } from "@/lib/desk/action";
import { fieldErrorSummary, withNotice } from "@/lib/desk/notices";
import { GUARD_FIELD_LABELS, guardFormSchema } from "@/lib/deliverability/guard-form";
import { saveSendGuardSettings } from "@/lib/deliverability/guard-settings";

/** The send guard's thresholds: saved with who changed them, or every field's error. */
export const saveSendGuard = deskAction(
  { schema: guardFormSchema, invalid: (errors) => `Nothing was saved. ${fieldErrorSummary(errors, GUARD_FIELD_LABELS)}` },
  async (settings, editor) => {
    const code = (await saveSendGuardSettings(editor, settings)) ? "guard-saved" : "guard-unchanged";
    redirect(withNotice("/desk/newsletters/deliverability", code));
  },
);
