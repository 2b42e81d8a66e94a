import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { freezeIssue } from "../compose/freeze";
import { loadPicks } from "../compose/picks";
import { findIssue, hasContent, issueEmail } from "../issues";
import { findNewsletter } from "../newsletters";
import { subscriberCounts } from "../subscriptions";
import { mailSender } from "@/lib/mail/sender";
import { issueMail, prepareIssue } from "../compose/issue-mail";
import { unsubscribeUrl } from "../unsubscribe-token";
import { newsletterQueues } from "./queues";
import { sendBlocker, subscribersLabel } from "./readiness";

export type SendResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * "Send to every subscriber" of the issue's newsletter (or its scheduled time come): freezes
 * the email as it is now and queues the fan-out, in one transaction. The row lock and the
 * status make it happen once: a second click, or a second worker, finds it no longer waiting.
 * `scheduledOnly`: the schedule's own start, which does nothing unless the issue is still scheduled.
 */
export async function startSending(issueId: number, opts: { scheduledOnly?: boolean } = {}): Promise<SendResult> {
  const queues = await newsletterQueues();
  return db.transaction(async (tx): Promise<SendResult> => {
    const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).for("update");
    if (!issue) return { ok: false, message: "That issue does not exist." };
    if (opts.scheduledOnly && issue.status !== "scheduled") return { ok: false, message: "This issue is no longer scheduled." };
    const waiting = issue.status === "draft" || issue.status === "scheduled";
    const picks = waiting ? await loadPicks(issue.articleIds, tx) : { articles: [] };
    const newsletter = await findNewsletter(issue.newsletterId, tx);
    if (!newsletter || newsletter.archivedAt) return { ok: false, message: "Its newsletter is archived: bring it back before sending." };
    const counts = await subscriberCounts(issue.newsletterId, tx);
    const blocked = sendBlocker({ status: issue.status, hasContent: hasContent(issue.intro, picks.articles.length), counts });
    if (blocked) return { ok: false, message: blocked };
    const frozen = freezeIssue(issue, newsletter, picks.articles);
    const now = new Date();
    await tx
      .update(newsletterIssues)
      .set({ status: "sending", frozen, sendStartedAt: now, scheduledAt: null, updatedAt: now })
      .where(eq(newsletterIssues.id, issueId));
    await queues.fanout(issueId, tx);
    return { ok: true, message: `Sending to ${subscribersLabel(counts.subscribers)}.` };
  });
}

/** "Send a test to yourself": the real email, sent now to the editor, with their own unsubscribe link. */
export async function sendTest(issueId: number, editor: { userId: string; email: string }): Promise<SendResult> {
  const issue = await findIssue(issueId);
  if (!issue) return { ok: false, message: "That issue does not exist." };
  const { email } = await issueEmail(issue);
  const url = unsubscribeUrl(editor.userId, issue.newsletterId);
  const outcome = await mailSender().send(
    issueMail({
      to: editor.email,
      issue: prepareIssue({ ...email, subject: `[Test] ${email.subject}`, b: undefined }),
      unsubscribeUrl: url,
      unsubscribeAllUrl: unsubscribeUrl(editor.userId, "all"),
      messageId: `<newsletter.${issueId}.test-${randomUUID()}@${new URL(env.siteUrl).hostname}>`,
    }),
  );
  if (outcome.kind === "sent") return { ok: true, message: `Test sent to ${editor.email}.` };
  console.error(`[newsletter] test of issue ${issueId} to ${editor.email} failed: ${outcome.reason}`);
  if (outcome.kind === "temporary") {
    return { ok: false, message: "The test could not be sent: the mail server did not answer. Please try again in a moment." };
  }
  // A refusal the editor can act on: say what the server said.
  return { ok: false, message: `The test could not be sent: the mail server refused it (${outcome.reason}).` };
}
