"use server";

import { redirect } from "next/navigation";
import { deskAction } from "@/lib/desk/action";
import { GIFT_FIELD_LABELS, giftFormSchema } from "@/lib/desk/gift-form";
import { METER_FIELD_LABELS, meterFormSchema } from "@/lib/desk/meter-form";
import { saveGiftSettings } from "@/lib/gifts/settings";
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

/** Gift links: on or off, gifts per member a month, how long a link works (every process's pages dropped first). */
export const saveGifts = deskAction(
  { schema: giftFormSchema, invalid: (errors) => `Nothing was saved. ${fieldErrorSummary(errors, GIFT_FIELD_LABELS)}` },
  async (settings, editor) => {
    const code = (await saveGiftSettings(editor, settings)) ? "gifts-saved" : "gifts-unchanged";
    redirect(withNotice("/desk/settings", code));
  },
);
