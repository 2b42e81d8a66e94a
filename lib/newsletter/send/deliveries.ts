import "server-only";
import { sql } from "drizzle-orm";
import { db, runPrepared } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { MAX_ATTEMPTS, REFUSAL_RUN, retryDelaySeconds } from "./retry-policy";
import { suppress } from "../subscriptions";
import { deliveryToken } from "@/lib/deliverability/delivery-token";
import { recordEvent } from "@/lib/deliverability/record";

// The delivery rows' life: queued → sending (claimed, with a lease) → sent | failed |
// refused | skipped, or back to queued with a later not_before after a temporary failure.
// Refused rows wait for the editor's Resume (lib/newsletter/send/resume-refused.ts).

export type ClaimedDelivery = { id: string; userId: string; email: string; attempts: number; variant: "a" | "b" | null };

/**
 * Claims up to `limit` deliveries of an issue for this worker: rows whose lease ran out
 * (their worker died) first when `stale`, then queued rows that are due. Rows whose
 * subscriber is no longer active in the issue's newsletter are marked skipped in the same
 * statement and not returned. Nothing is claimed while the issue is not sending (paused).
 *
 * `after`: a keyset cursor, the highest id this process claimed of the issue so far. Every
 * claimed row leaves a dead entry at the front of the queue's index until VACUUM comes by,
 * so a scan from the first id passes over all the rows already sent: at 1,000,000
 * recipients, half-way, a claim read a million buffers (600 ms) instead of a few. The
 * caller scans from the start (after = 0) only when the cursor finds nothing: for retries,
 * a subject test's held rows and resumed ones, which sit below it.
 */
export async function claimDeliveries(
  issueId: number,
  limit: number,
  leaseSeconds: number,
  opts: { after?: string; stale?: boolean } = {},
): Promise<{ claimed: ClaimedDelivery[]; last: string | null }> {
  const after = opts.after ?? "0";
  const stale = opts.stale ?? true;
  // Prepared: planned once per connection, not on each of the thirty-odd claims a send job makes.
  const rows = await runPrepared<ClaimedDelivery & { status: string }>(sql`
    WITH sending AS (
      SELECT 1 FROM newsletter_issue WHERE id = ${issueId} AND status = 'sending'
    ), stale AS (
      SELECT id, user_id FROM newsletter_delivery
      WHERE ${stale}::boolean AND issue_id = ${issueId} AND status = 'sending' AND lease_until < now() AND EXISTS (SELECT 1 FROM sending)
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), due AS (
      SELECT id, user_id FROM newsletter_delivery
      WHERE issue_id = ${issueId} AND status = 'queued' AND id > ${after}::bigint AND (not_before IS NULL OR not_before <= now())
        AND EXISTS (SELECT 1 FROM sending)
      ORDER BY id LIMIT ${limit} FOR UPDATE SKIP LOCKED
    ), picked AS (
      SELECT * FROM (SELECT * FROM stale UNION ALL SELECT * FROM due) p LIMIT ${limit}
    )
    UPDATE newsletter_delivery d SET
      status = CASE WHEN s.status = 'active' THEN 'sending' ELSE 'skipped' END,
      lease_until = CASE WHEN s.status = 'active' THEN now() + make_interval(secs => ${leaseSeconds}) END,
      attempts = d.attempts + CASE WHEN s.status = 'active' THEN 1 ELSE 0 END
    FROM picked LEFT JOIN subscription s
      ON s.user_id = picked.user_id AND s.newsletter_id = (SELECT newsletter_id FROM newsletter_issue WHERE id = ${issueId})
    WHERE d.id = picked.id
    RETURNING d.id::text AS id, d.user_id AS "userId", d.email, d.attempts, d.status, d.variant`);
  // The cursor moves past skipped rows too.
  const last = rows.reduce<bigint | null>((max, r) => (max === null || BigInt(r.id) > max ? BigInt(r.id) : max), null);
  return { claimed: rows.filter((r) => r.status === "sending" && r.email), last: last === null ? null : String(last) };
}

/**
 * Right after the SMTP server accepted each of these messages (lib/newsletter/send/sent-marks.ts
 * groups the marks of messages accepted while the previous statement was on its way).
 * Prepared: at 1,500 messages a second, planning it on every call was PostgreSQL's work.
 */
export async function markSentMany(ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // Ids are the database's own bigints, read back as text: an array literal of digits.
  await runPrepared(sql`
    UPDATE newsletter_delivery SET status = 'sent', sent_at = now(), lease_until = NULL, last_error = NULL
    WHERE id = ANY(${`{${ids.join(",")}}`}::bigint[]) AND status = 'sending'`);
}

/**
 * A temporary failure: back to the queue after a backoff, or failed after MAX_ATTEMPTS.
 * `refused` notes that the server refused our sending setup (it counts towards a pause).
 */
export async function markForRetry(row: ClaimedDelivery, reason: string, baseSeconds: number, refused = false): Promise<"retry" | "failed"> {
  const giveUp = row.attempts >= MAX_ATTEMPTS;
  await db.execute(sql`
    UPDATE newsletter_delivery SET
      status = ${giveUp ? "failed" : "queued"},
      not_before = now() + make_interval(secs => ${retryDelaySeconds(row.attempts, baseSeconds)}),
      lease_until = NULL, last_error = ${reason},
      refused_at = CASE WHEN ${refused}::boolean THEN now() ELSE refused_at END
    WHERE id = ${row.id}::bigint AND status = 'sending'`);
  return giveUp ? "failed" : "retry";
}

/** The address itself was refused for good: this delivery failed and the address is suppressed. */
export async function markBadAddress(row: ClaimedDelivery, reason: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`
      UPDATE newsletter_delivery SET status = 'failed', lease_until = NULL, last_error = ${reason}
      WHERE id = ${row.id}::bigint AND status = 'sending'`);
    await suppress(row.userId, reason, tx);
    // The same record as a provider's bounce: the address suppressed, the issue's figures.
    await recordEvent(
      { provider: "smtp", id: `delivery:${row.id}`, kind: "bounce", email: row.email.toLowerCase(), deliveryHints: [deliveryToken(row.id)], occurredAt: new Date(), detail: reason },
      tx,
    );
  });
}

/** The server refused the message itself: refused, the address untouched, sent again on Resume. */
export async function markRefused(row: ClaimedDelivery, reason: string): Promise<void> {
  await db.execute(sql`
    UPDATE newsletter_delivery SET status = 'refused', lease_until = NULL, last_error = ${reason}, refused_at = now()
    WHERE id = ${row.id}::bigint AND status = 'sending'`);
}

/**
 * Pauses the issue when its last REFUSAL_RUN refusals (message or setup, from any worker)
 * had nothing accepted in between: no delivery of the issue was sent since the oldest of
 * them. Runs only after a refusal, so a message accepted costs nothing extra. True when
 * this call paused the issue.
 */
export async function pauseIfRefusedRun(issueId: number, kind: "message" | "setup", reason: string): Promise<boolean> {
  const result = await db.execute(sql`
    WITH last AS (
      SELECT refused_at FROM newsletter_delivery
      WHERE issue_id = ${issueId} AND refused_at IS NOT NULL
      ORDER BY refused_at DESC LIMIT ${REFUSAL_RUN}
    ), run AS (SELECT count(*)::int AS n, min(refused_at) AS since FROM last)
    UPDATE newsletter_issue i SET status = 'paused', pause_kind = ${kind}, pause_reason = ${reason.slice(0, 500)}, paused_at = now()
    FROM run
    WHERE i.id = ${issueId} AND i.status = 'sending' AND run.n >= ${REFUSAL_RUN}
      AND NOT EXISTS (SELECT 1 FROM newsletter_delivery d
                      WHERE d.issue_id = ${issueId} AND d.status = 'sent' AND d.sent_at >= run.since)
    RETURNING i.id`);
  return rowsOf(result).length > 0;
}

/** Hands a claimed row back untried (its lease was too close to running out). */
export async function release(id: string): Promise<void> {
  await db.execute(sql`
    UPDATE newsletter_delivery SET status = 'queued', lease_until = NULL, attempts = greatest(attempts - 1, 0)
    WHERE id = ${id}::bigint AND status = 'sending'`);
}

export type OpenWork = { due: boolean; stale: boolean; open: boolean };

/** Whether an issue has rows a worker could take now, and whether any are unfinished. */
export async function openWork(issueId: number): Promise<OpenWork> {
  const [row] = rowsOf<OpenWork>(
    await db.execute(sql`SELECT
      EXISTS (SELECT 1 FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'queued'
              AND (not_before IS NULL OR not_before <= now())) AS due,
      EXISTS (SELECT 1 FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'sending'
              AND lease_until < now()) AS stale,
      EXISTS (SELECT 1 FROM newsletter_delivery WHERE issue_id = ${issueId} AND status IN ('queued', 'sending')) AS open`),
  );
  return row;
}
