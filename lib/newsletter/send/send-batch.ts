import "server-only";
import { metrics } from "@/lib/metrics/registry";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { mailSender, type MailSender } from "@/lib/mail/sender";
import { issueMail, prepareIssue, type PreparedIssue } from "../compose/issue-mail";
import { unsubscribeUrl } from "../unsubscribe-token";
import { newsletterMessageId } from "@/lib/deliverability/delivery-token";
import { claimDeliveries, markBadAddress, markForRetry, markRefused, pauseIfRefusedRun, release, type ClaimedDelivery } from "./deliveries";
import { finishIfDone } from "./finish";
import { sentMarks } from "./sent-marks";

/** Rows one send job works through before it hands over to the next job. */
export const ROWS_PER_JOB = 500;

/** Names the delivery (and carries its token), so a provider's event can be matched to it. */
export const messageId = (issueId: number, deliveryId: string) => newsletterMessageId(issueId, deliveryId);

type SendingIssue = PreparedIssue & { newsletterId: number };

async function preparedIssue(issueId: number): Promise<SendingIssue | null> {
  const [row] = await db
    .select({ frozen: newsletterIssues.frozen, status: newsletterIssues.status, newsletterId: newsletterIssues.newsletterId })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.id, issueId));
  return row?.status === "sending" && row.frozen
    ? { ...prepareIssue(row.frozen, issueId, row.newsletterId === 1 ? "main" : `n${row.newsletterId}`), newsletterId: row.newsletterId }
    : null;
}

/**
 * Where this process's claims of each issue got to (claimDeliveries' keyset cursor): the
 * highest id claimed. Rows below it (a retry, a subject test's rest, a resumed refusal) are
 * found when nothing is left past it, by a claim from the start.
 */
const cursors = new Map<number, bigint>();

async function claim(issueId: number, want: number, lease: number, first: boolean): Promise<ClaimedDelivery[]> {
  const after = cursors.get(issueId) ?? 0n;
  // A job's first claim also takes rows whose lease ran out (a dead worker's).
  let got = await claimDeliveries(issueId, want, lease, { after: String(after), stale: first });
  if (got.last === null && after > 0n) got = await claimDeliveries(issueId, want, lease, { after: "0", stale: true });
  if (got.last === null) cursors.delete(issueId);
  else cursors.set(issueId, BigInt(got.last));
  return got.claimed;
}

async function deliverOne(issueId: number, issue: SendingIssue, row: ClaimedDelivery, sender: MailSender, deadline: number) {
  // A message is started only while at least half the lease is left, so no other worker
  // can take the row over while it is still in flight.
  if (Date.now() > deadline) return release(row.id);
  const outcome = await sender.send(
    issueMail({
      to: row.email,
      issue,
      unsubscribeUrl: unsubscribeUrl(row.userId, issue.newsletterId),
      unsubscribeAllUrl: unsubscribeUrl(row.userId, "all"),
      messageId: messageId(issueId, row.id),
      variant: row.variant,
      deliveryId: row.id,
    }),
  );
  metrics().mails.inc({ kind: "newsletter", outcome: outcome.kind === "sent" ? "sent" : outcome.kind === "bad-address" ? "suppressed" : "failed" });
  switch (outcome.kind) {
    case "sent":
      return sentMarks().mark(row.id);
    case "bad-address":
      console.warn(`[newsletter] issue ${issueId}: ${row.email} refused permanently, suppressed: ${outcome.reason}`);
      return markBadAddress(row, outcome.reason);
    case "message-refused":
      console.warn(`[newsletter] issue ${issueId}: the server refused the message to ${row.email} (address kept): ${outcome.reason}`);
      await markRefused(row, outcome.reason);
      return notePause(issueId, "message", outcome.reason);
    case "setup-refused": {
      const next = await markForRetry(row, outcome.reason, env.newsletter.retrySeconds, true);
      console.warn(`[newsletter] issue ${issueId}: the server refused our sending setup (${outcome.reason}); ${next === "retry" ? "will retry" : "giving up"}`);
      return notePause(issueId, "setup", outcome.reason);
    }
    case "temporary": {
      const next = await markForRetry(row, outcome.reason, env.newsletter.retrySeconds);
      console.warn(`[newsletter] issue ${issueId}: delivery to ${row.email} failed (${outcome.reason}); ${next === "retry" ? "will retry" : "giving up"}`);
    }
  }
}

/** After a refusal that is not about the address; a paused issue is claimed from no more. */
async function notePause(issueId: number, kind: "message" | "setup", reason: string): Promise<void> {
  if (await pauseIfRefusedRun(issueId, kind, reason)) {
    console.warn(`[newsletter] issue ${issueId}: paused after a run of refusals (${reason}); no address was suppressed`);
  }
}

/**
 * One send job: claims deliveries of the issue in small chunks and keeps about two
 * messages per SMTP connection in flight, marking each sent as soon as it is accepted
 * (with the others accepted meanwhile, see sent-marks.ts).
 */
export async function runSendJob(issueId: number, maxRows = ROWS_PER_JOB): Promise<{ processed: number }> {
  const issue = await preparedIssue(issueId);
  if (!issue) return { processed: 0 };
  const sender = mailSender();
  const lease = env.newsletter.leaseSeconds;
  const window = env.newsletter.smtpConnections * 2;
  const inflight = new Set<Promise<void>>();
  let processed = 0;
  let exhausted = false;
  let drained = false;
  let first = true;
  let failure: unknown = null;
  while (!failure && (!exhausted || inflight.size > 0)) {
    if (!exhausted && inflight.size < window) {
      const want = Math.min(window * 2 - inflight.size, maxRows - processed);
      const claimedAt = Date.now();
      const rows = want > 0 ? await claim(issueId, want, lease, first) : [];
      first = false;
      if (rows.length === 0) drained = true;
      if (rows.length === 0 || processed + rows.length >= maxRows) exhausted = true;
      const deadline = claimedAt + (lease * 1000) / 2;
      for (const row of rows) {
        processed++;
        const p: Promise<void> = deliverOne(issueId, issue, row, sender, deadline)
          .catch((err) => void (failure ??= err))
          .finally(() => inflight.delete(p));
        inflight.add(p);
      }
      if (rows.length > 0) continue;
    }
    if (inflight.size > 0) await Promise.race(inflight);
  }
  await Promise.all(inflight);
  // A database failure fails the job (pg-boss retries it); unmarked rows' leases run out.
  if (failure) throw failure;
  // Only a job that found nothing left asks whether the issue is done: the question scans
  // the issue's open rows, which at a million recipients is not free after every 500.
  // (The sweep asks too, when no work is open.)
  if (drained) await finishIfDone(issueId);
  return { processed };
}
