import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

// What the meter did (free reads given, readers who used their last one), counted in
// this process's memory and added to meter_daily in one statement every few seconds
// and when the process stops: a read costs no query, and processes add up. A crash
// loses at most the last few seconds.

const FLUSH_MS = 5_000;

type Counts = { freeReads: number; ranOut: number };
const g = globalThis as { __ledeMeterCounts?: { pending: Map<string, Counts>; timer: NodeJS.Timeout | null } };
const state = (g.__ledeMeterCounts ??= { pending: new Map(), timer: null });

const today = () => new Date().toISOString().slice(0, 10);

export function countFreeRead(articleId: number, lastOne: boolean): void {
  const key = `${today()}|${articleId}`;
  const c = state.pending.get(key) ?? { freeReads: 0, ranOut: 0 };
  c.freeReads++;
  if (lastOne) c.ranOut++;
  state.pending.set(key, c);
  state.timer ??= setTimeout(() => void flushMeterCounts(), FLUSH_MS).unref();
}

/** Adds what was counted here to meter_daily (one statement), and starts afresh. */
export async function flushMeterCounts(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  if (state.pending.size === 0) return;
  const batch = state.pending;
  state.pending = new Map();
  const values = [...batch].map(([key, c]) => {
    const [day, id] = key.split("|");
    return sql`(${day}::text, ${Number(id)}::int, ${c.freeReads}::int, ${c.ranOut}::int)`;
  });
  try {
    await db.execute(sql`
      INSERT INTO meter_daily (day, article_id, free_reads, ran_out)
      SELECT v.day, v.id, v.reads, v.out FROM (VALUES ${sql.join(values, sql`, `)}) AS v(day, id, reads, out)
      JOIN article a ON a.id = v.id
      ON CONFLICT (day, article_id) DO UPDATE SET
        free_reads = meter_daily.free_reads + excluded.free_reads, ran_out = meter_daily.ran_out + excluded.ran_out`);
  } catch (err) {
    // Kept for the next flush rather than lost to a passing database hiccup.
    for (const [key, c] of batch) {
      const p = state.pending.get(key) ?? { freeReads: 0, ranOut: 0 };
      state.pending.set(key, { freeReads: p.freeReads + c.freeReads, ranOut: p.ranOut + c.ranOut });
    }
    state.timer ??= setTimeout(() => void flushMeterCounts(), FLUSH_MS).unref();
    console.error(`[meter] counts not saved yet: ${(err as Error).message}`);
  }
}
