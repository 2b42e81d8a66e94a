import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";

// Gate views, joins and confirmations per experiment and variant, counted in this
// process's memory like the insight counts (lib/insight/counts.ts) and added to
// experiment_traffic in one statement every few seconds and when the process stops:
// a gate view costs no query, and processes add up.

const FLUSH_MS = 5_000;
const COLUMNS = ["gate_views", "joins", "confirmations"] as const;
export type ExperimentColumn = (typeof COLUMNS)[number];

type State = { pending: Map<string, number[]>; timer: NodeJS.Timeout | null };
const g = globalThis as { __ledeExperimentCounts?: State };
const state: State = (g.__ledeExperimentCounts ??= { pending: new Map(), timer: null });

/** Adds `n` to a variant's column (the experiment and variant come from Lede, not from a request). */
export function countForVariant(experimentId: number, variant: number, column: ExperimentColumn, n = 1): void {
  if (!Number.isInteger(experimentId) || !Number.isInteger(variant) || variant < 0 || variant > 9) return;
  const key = `${experimentId}|${variant}`;
  let c = state.pending.get(key);
  if (!c) state.pending.set(key, (c = COLUMNS.map(() => 0)));
  c[COLUMNS.indexOf(column)] += n;
  state.timer ??= setTimeout(() => void flushExperimentCounts(), FLUSH_MS).unref();
}

/** Adds what was counted here to experiment_traffic (one statement), and starts afresh. */
export async function flushExperimentCounts(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  if (state.pending.size === 0) return;
  const batch = state.pending;
  state.pending = new Map();
  const values = [...batch].map(([key, c]) => {
    const [id, variant] = key.split("|").map(Number);
    return sql`(${id}::int, ${variant}::int, ${c[0]}::int, ${c[1]}::int, ${c[2]}::int)`;
  });
  try {
    await db.execute(sql`
      INSERT INTO experiment_traffic (experiment_id, variant, gate_views, joins, confirmations)
      SELECT v.* FROM (VALUES ${sql.join(values, sql`, `)}) AS v(experiment_id, variant, gate_views, joins, confirmations)
      JOIN wall_experiment e ON e.id = v.experiment_id
      ON CONFLICT (experiment_id, variant) DO UPDATE SET
        gate_views = experiment_traffic.gate_views + excluded.gate_views,
        joins = experiment_traffic.joins + excluded.joins,
        confirmations = experiment_traffic.confirmations + excluded.confirmations`);
  } catch (err) {
    // Kept for the next flush rather than lost to a passing database hiccup.
    for (const [key, c] of batch) {
      const p = state.pending.get(key);
      state.pending.set(key, p ? p.map((n, i) => n + c[i]) : c);
    }
    state.timer ??= setTimeout(() => void flushExperimentCounts(), FLUSH_MS).unref();
    console.error(`[experiments] counts not saved yet: ${(err as Error).message}`);
  }
}
