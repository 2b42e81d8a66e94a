import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterIssues } from "@/lib/db/schema";
import { newsletterQueues } from "./queues";
import { issueFigures } from "@/lib/deliverability/guard";
import { ROWS_PER_JOB } from "./send-batch";
import type { SendResult } from "./start";

/** Send jobs queued at once on Resume; the sweep queues more while rows are due. */
const MAX_RESUME_JOBS = 200;

/**
 * "Resume": after the editor fixed what the mail server refused, the refused deliveries
 * go back in the queue, the ones waiting to retry become due now, and the issue sends
 * again, in one transaction. Also offered on a sent issue that finished with refused
 * deliveries. Each delivery row still goes out at most once: sent rows are never touched.
 */
export async function resumeRefused(issueId: number): Promise<SendResult> {
  const queues = await newsletterQueues();
  return db.transaction(async (tx): Promise<SendResult> => {
    const [issue] = await tx
      .select({ status: newsletterIssues.status, fannedOutAt: newsletterIssues.fannedOutAt })
      .from(newsletterIssues)
      .where(eq(newsletterIssues.id, issueId))
      .for("update");
    if (!issue) return { ok: false, message: "That issue does not exist." };
    if (issue.status === "draft") return { ok: false, message: "This issue has not been sent yet, so there is nothing to resume." };
    if (issue.status === "sending") return { ok: false, message: "This issue is already sending." };
    const [requeued] = rowsOf<{ refused: number }>(
      await tx.execute(sql`
        WITH back AS (
          UPDATE newsletter_delivery SET
            status = CASE WHEN status = 'refused' THEN 'queued' ELSE status END,
            not_before = CASE WHEN status IN ('refused', 'queued') THEN NULL ELSE not_before END,
            refused_at = NULL
          WHERE issue_id = ${issueId} AND refused_at IS NOT NULL
          RETURNING status
        ) SELECT count(*) FILTER (WHERE status = 'queued')::int AS refused FROM back`),
    );
    if (issue.status === "sent" && requeued.refused === 0) {
      return { ok: false, message: "Every delivery of this issue is finished: there is nothing to send again." };
    }
    // The send guard pauses again only for complaints and bounces beyond those the editor saw.
    const seen = (await issueFigures(issueId, tx))!;
    const acknowledged = JSON.stringify({ complaints: seen.complaints, bounces: seen.bounces });
    await tx.execute(sql`
      UPDATE newsletter_issue SET status = 'sending', pause_kind = NULL, pause_reason = NULL, paused_at = NULL,
        finished_at = NULL, updated_at = now(), guard_acknowledged = ${acknowledged}::jsonb
      WHERE id = ${issueId}`);
    if (!issue.fannedOutAt) await queues.fanout(issueId, tx);
    const [{ waiting }] = rowsOf<{ waiting: number }>(
      await tx.execute(sql`SELECT count(*)::int AS waiting FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'queued'`),
    );
    const jobs = Math.min(MAX_RESUME_JOBS, Math.ceil(waiting / ROWS_PER_JOB));
    const stamp = Date.now().toString(36);
    for (let i = 0; i < jobs; i++) await queues.send(issueId, `${issueId}:resume:${stamp}:${i}`, tx);
    return { ok: true, message: `Sending resumed: ${waiting.toLocaleString("en-GB")} waiting to go out.` };
  });
}
