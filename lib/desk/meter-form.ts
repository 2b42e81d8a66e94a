import "server-only";
// The desk's meter settings form: its fields, checked with the meter's own schema.
import { z } from "zod";
import { meterSettingsSchema, type MeterSettings } from "@/lib/meter/settings";

export type MeterFormResult = { ok: true; settings: MeterSettings } | { ok: false; fieldErrors: Record<string, string> };

/** Labels for field errors ("Free articles per period must be at most 10."). */
export const METER_FIELD_LABELS: Record<string, string> = {
  enabled: "The meter",
  allowance: "Free articles per period",
  period: "Period",
};

function enabledOf(v: string | undefined): boolean | null {
  if (v === undefined || v === "" || v === "off") return false;
  return v === "on" ? true : null;
}

/** "3" → 3; "2.5" → 2.5; anything that is not a plain decimal number → NaN. */
function numberOf(v: string): number {
  return /^[+-]?\d{1,6}(\.\d{1,6})?$/.test(v) ? Number(v) : Number.NaN;
}

/** Parses the posted fields; every problem is returned, keyed by field. */
export function parseMeterForm(fields: Record<string, string | undefined>): MeterFormResult {
  const fieldErrors: Record<string, string> = {};
  const enabled = enabledOf(fields.enabled);
  if (enabled === null) fieldErrors.enabled = "must be on or off.";
  const allowance = (fields.allowance ?? "").trim();
  const parsed = meterSettingsSchema.safeParse({ enabled: enabled ?? false, allowance: numberOf(allowance), period: fields.period });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) fieldErrors[String(issue.path[0])] ??= `${issue.message}.`;
  }
  if (allowance === "") fieldErrors.allowance = "is required: how many premium articles a reader may read free.";
  if (!parsed.success || Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors };
  return { ok: true, settings: parsed.data };
}

/** The form as the desk action reads it: the settings, or every field's message. */
export const meterFormSchema = z
  .object({ enabled: z.string().optional(), allowance: z.string().optional(), period: z.string().optional() })
  .transform((fields, ctx) => {
    const form = parseMeterForm(fields);
    if (form.ok) return form.settings;
    for (const [field, message] of Object.entries(form.fieldErrors)) ctx.addIssue({ code: "custom", path: [field], message });
    return z.NEVER;
  });
