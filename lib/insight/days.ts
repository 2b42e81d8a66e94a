// The UTC days the insight tables are kept by, and the windows the desk shows them in.
// Pure: no database, no server-only import.

export const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC `days - 1` days before `now`: the first day of a `days`-day window. */
export function windowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

/** A UTC day as the daily tables key it: "YYYY-MM-DD". */
export const dayKey = (d: Date) => d.toISOString().slice(0, 10);

/** Every UTC day of a `days`-day window ending today, oldest first. */
export function windowDays(now: Date, days: number): string[] {
  const start = windowStart(now, days).getTime();
  return Array.from({ length: days }, (_, i) => dayKey(new Date(start + i * DAY_MS)));
}
