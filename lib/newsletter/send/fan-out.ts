import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterQueues } from "./queues";
import { finishIfDone } from "./finish";

/** Delivery rows made (and send jobs queued) per step; also the size of one send job. */
export const FANOUT_BATCH = 500;

type Step = { inserted: number; done: boolean };

/**
 * One fan-out step, in one transaction: the next FANOUT_BATCH subscribers (see
 * lib/newsletter/subscriptions.ts for who they are) after the cursor (keyset order on user_id) get a delivery row, a send job
 * is queued for them, and the cursor moves on. A crash loses nothing: the step commits
 * whole or not at all, and the unique (issue, user) index makes a repeated step a no-op.
 */
export async function fanOutStep(issueId: number, batch = FANOUT_BATCH): Promise<Step> {
  const queues = await newsletterQueues();
  return db.transaction(async (tx) => {
    // The row lock makes concurrent fan-outs of one issue (a retry racing a sweep) take turns.
    const [issue] = rowsOf<{ status: string; cursor: string | null; done: boolean; newsletterId: number; ab: boolean; pct: number }>(
      await tx.execute(sql`SELECT status, fanout_cursor AS cursor, fanned_out_at IS NOT NULL AS done, newsletter_id AS "newsletterId",
                                  coalesce(btrim(subject_b), '') <> '' AS ab, sample_percent AS pct
                           FROM newsletter_issue WHERE id = ${issueId} FOR UPDATE`),
    );
    // A paused issue is fanned out all the same: Resume then only has to send.
    if (!issue || !["sending", "paused"].includes(issue.status) || issue.done) return { inserted: 0, done: true };
    const [step] = rowsOf<{ last: string | null; seen: number; inserted: number; queued: number }>(
      await tx.execute(sql`
        WITH batch AS (
          SELECT s.user_id, u.email FROM subscription s JOIN "user" u ON u.id = s.user_id
          WHERE s.newsletter_id = ${issue.newsletterId} AND s.status = 'active'
            AND (${issue.cursor}::text IS NULL OR s.user_id > ${issue.cursor}::text)
          ORDER BY s.user_id LIMIT ${batch}
        ), bucketed AS (
          -- A two-subject issue: a stable per-reader bucket puts pct% in each sample, the rest held.
          SELECT user_id, email, CASE WHEN ${issue.ab}::boolean THEN abs(hashtext(user_id || ':' || ${issueId}::text)) % 100 END AS bucket
          FROM batch
        ), ins AS (
          INSERT INTO newsletter_delivery (issue_id, user_id, email, status, variant)
          SELECT ${issueId}, user_id, email,
                 CASE WHEN bucket IS NULL OR bucket < 2 * ${issue.pct}::int THEN 'queued' ELSE 'held' END,
                 CASE WHEN bucket < ${issue.pct}::int THEN 'a' WHEN bucket < 2 * ${issue.pct}::int THEN 'b' END
          FROM bucketed
          ON CONFLICT (issue_id, user_id) DO NOTHING RETURNING status
        )
        SELECT (SELECT max(user_id) FROM batch) AS last,
               (SELECT count(*) FROM batch)::int AS seen,
               (SELECT count(*) FROM ins)::int AS inserted,
               (SELECT count(*) FROM ins WHERE status = 'queued')::int AS queued`),
    );
    const done = step.seen < batch;
    await tx.execute(sql`
      UPDATE newsletter_issue SET
        fanout_cursor = coalesce(${step.last}::text, fanout_cursor), fanout_at = now(),
        recipient_count = recipient_count + ${step.inserted},
        fanned_out_at = CASE WHEN ${done}::boolean THEN now() END
      WHERE id = ${issueId}`);
    if (step.queued > 0) await queues.send(issueId, `${issueId}:${step.last}`, tx);
    return { inserted: step.inserted, done };
  });
}

/** The fan-out job: steps until every subscriber has a delivery row. */
export async function runFanout(issueId: number): Promise<{ recipients: number }> {
  let recipients = 0;
  for (;;) {
    const step = await fanOutStep(issueId);
    recipients += step.inserted;
    if (step.done) break;
  }
  // With no subscribers left (or all sent already) nothing else would close the issue.
  await finishIfDone(issueId);
  return { recipients };
}
