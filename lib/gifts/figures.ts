import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { dayKey, windowStart } from "@/lib/insight/days";

/** What gift links did in a window of UTC days: links made, reads through them, and the joins they brought. */
export type GiftFigures = { made: number; reads: number; joins: number; confirmed: number };

/**
 * Per window (7, 30, 90 days): gifts made (of accounts that still exist: a deleted
 * account's gifts go with it) from the gift table, and reads, joins and confirmations
 * from the insight counts, whose source "gift" only a link that opened can give.
 */
export async function giftFigures(periods: readonly number[], now = new Date()): Promise<GiftFigures[]> {
  const widest = Math.max(...periods);
  const [made, traffic] = await Promise.all([
    db.execute(sql`SELECT created_at FROM gift WHERE created_at >= ${windowStart(now, widest).toISOString()}::timestamptz`),
    db.execute(sql`
      SELECT day, sum(anonymous_views + member_views)::int AS reads, sum(joins)::int AS joins, sum(confirmations)::int AS confirmed
      FROM article_traffic WHERE source = 'gift' AND day >= ${dayKey(windowStart(now, widest))} GROUP BY day`),
  ]);
  const madeAt = rowsOf<{ created_at: Date | string }>(made).map((r) => new Date(r.created_at).getTime());
  const days = rowsOf<{ day: string; reads: number; joins: number; confirmed: number }>(traffic);
  return periods.map((p) => {
    const start = windowStart(now, p);
    const first = dayKey(start);
    const inside = days.filter((d) => d.day >= first);
    const sum = (k: "reads" | "joins" | "confirmed") => inside.reduce((n, d) => n + d[k], 0);
    return { made: madeAt.filter((t) => t >= start.getTime()).length, reads: sum("reads"), joins: sum("joins"), confirmed: sum("confirmed") };
  });
}
