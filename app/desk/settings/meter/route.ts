import { deskPost } from "@/lib/desk/desk-post";
import { METER_FIELD_LABELS, parseMeterForm, refusedFormQuery } from "@/lib/desk/meter-form";
import { fieldErrorSummary, NOTICES, withNotice } from "@/lib/desk/notices";
import { saveMeterSettings } from "@/lib/meter/settings";

/** The desk's meter settings form posts here; a refused plain post goes back to the page, errors at their fields. */
export const POST = deskPost(async ({ editor, fields }) => {
  const form = parseMeterForm(fields);
  if (!form.ok) {
    const message = `Nothing was saved. ${fieldErrorSummary(form.fieldErrors, METER_FIELD_LABELS)}`;
    const formPage = `/desk/settings?${refusedFormQuery(fields)}`;
    return { ok: false, status: 422, error: "invalid", message, fieldErrors: form.fieldErrors, backTo: "/desk/settings", formPage };
  }
  const code = (await saveMeterSettings(editor, form.settings)) ? "meter-saved" : "meter-unchanged";
  return { ok: true, redirectTo: withNotice("/desk/settings", code), message: NOTICES[code] };
});
