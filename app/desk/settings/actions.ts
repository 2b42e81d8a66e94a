"use server";

import { redirect } from "next/navigation";
import { deskAction } from "@/lib/desk/action";
import { METER_FIELD_LABELS, meterFormSchema } from "@/lib/desk/meter-form";
import { fieldErrorSummary, withNotice } from "@/lib/desk/notices";
import { saveMeterSettings } from "@/lib/meter/settings";

/** The meter's settings: saved (every process's cached pages dropped first), or every field's error. */
export const saveMeter = deskAction(
  { schema: meterFormSchema, invalid: (errors) => `Nothing was saved. ${fieldErrorSummary(errors, METER_FIELD_LABELS)}` },
  async (settings, editor) => {
    const code = (await saveMeterSettings(editor, settings)) ? "meter-saved" : "meter-unchanged";
    redirect(withNotice("/desk/settings", code));
  },
);
