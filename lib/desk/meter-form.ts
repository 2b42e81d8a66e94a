import "server-only";
// The desk's meter settings form: its fields, checked with the meter's own schema.
import { meterSettingsSchema, type MeterSettings } from "@/lib/meter/settings";

export type MeterFormResult = { ok: true; settings: MeterSettings } | { ok: false; fieldErrors: Record<string, string> };

/** Labels for field errors ("Free articles per period must be at most 10."). */
export const METER_FIELD_LABELS: Record<string, string> = {
  enabled: "The meter",
  allowance: "Free articles per period",
  period: "Period",
};

/** The fields the form posts (what a page needs to show a refused post again). */
export const METER_FIELDS = ["enabled", "allowance", "period"] as const;

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

/** What a refused plain post showed, for the page to show again with its errors (kept short). */
export function refusedFormQuery(fields: Record<string, string | undefined>): URLSearchParams {
  const query = new URLSearchParams({ refused: "1" });
  for (const name of METER_FIELDS) query.set(name, (fields[name] ?? "").slice(0, 40));
  return query;
}
