// The meter's settings in the desk's words (its page, its history, recent desk changes).
import type { MeterPeriod, MeterSettings } from "@/lib/meter/settings";

export const PERIOD_WORDS: Record<MeterPeriod, string> = {
  month: "calendar month",
  rolling30: "rolling 30 days",
};

const articles = (n: number) => `${n} free ${n === 1 ? "article" : "articles"}`;
const per = (period: MeterPeriod) => (period === "month" ? "a calendar month" : "in any 30 days");

/** "on, 3 free articles a calendar month"; "off (3 free articles in any 30 days once on)". */
export function meterSummary(s: MeterSettings): string {
  const allowance = `${articles(s.allowance)} ${per(s.period)}`;
  return s.enabled ? `on, ${allowance}` : `off (${allowance} once on)`;
}

/** What changed, in order: ["switched it on", "free articles 3 → 5", "period calendar month → rolling 30 days"]. */
export function meterDiff(before: MeterSettings, after: MeterSettings): string[] {
  const out: string[] = [];
  if (before.enabled !== after.enabled) out.push(after.enabled ? "switched it on" : "switched it off");
  if (before.allowance !== after.allowance) out.push(`free articles ${before.allowance} → ${after.allowance}`);
  if (before.period !== after.period) out.push(`period ${PERIOD_WORDS[before.period]} → ${PERIOD_WORDS[after.period]}`);
  return out;
}
