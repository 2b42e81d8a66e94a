import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterQueues } from "./queues";
import { ROWS_PER_JOB } from "./send-batch";

export type VariantFigures = { delivered: number; visits: number };

/** Visits per delivered copy at or above this many delivered copies each, and a lead of at least this much, makes a winner. */
export const MIN_DELIVERED = 20;
export const MIN_LEAD = 0.1;

/**
 * The two subjects' result: the one whose copies brought more site visits per delivered
 * copy, or — when there were too few copies, no visits, or the rates are within 10% of each
 * other — no clear winner, and then the first subject goes. Pure, so the desk and the
 * sweep say the same.
 */
export function pickWinner(a: VariantFigures, b: VariantFigures): { winner: "a" | "b"; reason: string } {
  const rate = (f: VariantFigures) => (f.delivered > 0 ? f.visits / f.delivered : 0);
  const shown = (f: VariantFigures) => `${f.visits} visits from ${f.delivered} delivered (${rate(f).toFixed(2)} a copy)`;
  if (a.delivered < MIN_DELIVERED || b.delivered < MIN_DELIVERED) {
    return { winner: "a", reason: `No clear winner: too few copies delivered to compare (${MIN_DELIVERED} each needed). The first subject goes.` };
  }
  if (a.visits + b.visits === 0) return { winner: "a", reason: "No clear winner: neither sample's links were visited. The first subject goes." };
  const [ra, rb] = [rate(a), rate(b)];
  const lead = Math.abs(ra - rb) / Math.max(ra, rb);
  if (lead < MIN_LEAD) {
    return { winner: "a", reason: `No clear winner: ${shown(a)} against ${shown(b)}, within 10%. The first subject goes.` };
  }
  return ra > rb
    ? { winner: "a", reason: `The first subject won: ${shown(a)} against ${shown(b)}.` }
    : { winner: "b", reason: `The second subject won: ${shown(b)} against ${shown(a)}.` };
}

/** Each subject's delivered copies and visits so far. */
export async function subjectFigures(issueId: number): Promise<{ a: VariantFigures; b: VariantFigures }> {
  const rows = rowsOf<{ variant: "a" | "b"; delivered: number; visits: number }>(
    await db.execute(sql`
      SELECT v.variant,
        (SELECT count(*)::int FROM newsletter_delivery d WHERE d.issue_id = ${issueId} AND d.variant = v.variant AND d.status = 'sent') AS delivered,
        coalesce((SELECT visits FROM newsletter_issue_visit x WHERE x.issue_id = ${issueId} AND x.variant = v.variant), 0)::int AS visits
      FROM (VALUES ('a'), ('b')) AS v(variant)`),
  );
  const of = (k: "a" | "b") => rows.find((r) => r.variant === k) ?? { delivered: 0, visits: 0 };
  return { a: { delivered: of("a").delivered, visits: of("a").visits }, b: { delivered: of("b").delivered, visits: of("b").visits } };
}

/**
 * Every worker's sweep: a two-subject issue whose wait is over (counted from when sending
 * started, once every sample copy was made) is decided once — the issue row is locked and
 * the decision written with it — and its held copies go out with the winning subject.
 * `now` lets the desk's "Decide now" run it early.
 */
export async function decideSubjectTests(opts: { issueId?: number; now?: boolean } = {}): Promise<number> {
  const due = rowsOf<{ id: number }>(
    await db.execute(sql`
      SELECT id FROM newsletter_issue
      WHERE status = 'sending' AND coalesce(btrim(subject_b), '') <> '' AND test_decided_at IS NULL AND fanned_out_at IS NOT NULL
        AND (${opts.issueId ?? 0}::int = 0 OR id = ${opts.issueId ?? 0}::int)
        AND (${opts.now === true}::boolean OR send_started_at + make_interval(mins => test_wait_minutes) <= now())`),
  );
  const queues = await newsletterQueues();
  let decided = 0;
  for (const { id } of due) {
    const figures = await subjectFigures(id);
    const { winner, reason } = pickWinner(figures.a, figures.b);
    const held = await db.transaction(async (tx) => {
      const [row] = rowsOf<{ id: number }>(
        await tx.execute(sql`UPDATE newsletter_issue SET test_decided_at = now(), test_winner = ${winner}, test_reason = ${reason}
                             WHERE id = ${id} AND test_decided_at IS NULL RETURNING id`),
      );
      if (!row) return -1;
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`WITH rest AS (UPDATE newsletter_delivery SET status = 'queued', variant = ${winner}
                                           WHERE issue_id = ${id} AND status = 'held' RETURNING 1)
                             SELECT count(*)::int AS n FROM rest`),
      );
      const jobs = Math.min(200, Math.ceil(n / ROWS_PER_JOB));
      for (let i = 0; i < jobs; i++) await queues.send(id, `${id}:rest:${i}`, tx);
      return n;
    });
    if (held >= 0) {
      decided++;
      console.log(`[newsletter] issue ${id}: ${reason} ${held} more copies go out.`);
    }
  }
  return decided;
}
