import "server-only";
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { loadPicks } from "../compose/picks";
import { renderIssue } from "../compose/render";
import { findIssue, issueEmail } from "../issues";
import { countActiveSubscribers } from "../subscriptions";
import { newsletterSender, prepareIssue } from "../transport";
import { unsubscribeUrl } from "../unsubscribe-token";
import { newsletterQueues } from "./queues";

export type SendResult = { ok: true; message: string } | { ok: false; message: string };

/**
 * "Send to every active subscriber": freezes the email as it is now and queues the
 * fan-out, in one transaction. A second click finds the issue no longer a draft.
 */
export async function startSending(issueId: number): Promise<SendResult> {
  const queues = await newsletterQueues();
  return db.transaction(async (tx): Promise<SendResult> => {
    const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).for("update");
    if (!issue) return { ok: false, message: "That issue does not exist." };
    if (issue.status !== "draft") return { ok: false, message: "This issue has already been sent." };
    const picks = await loadPicks(issue.articleIds, tx);
    if (!issue.intro.trim() && picks.articles.length === 0) {
      return { ok: false, message: "None of the picked articles is published any more: pick another or write an intro." };
    }
    const recipients = await countActiveSubscribers(tx);
    if (recipients === 0) return { ok: false, message: "There are no confirmed subscribers yet, so nobody would get this issue." };
    const frozen = renderIssue(
      { subject: issue.subject, intro: issue.intro, articles: picks.articles },
      { siteName: env.siteName, siteUrl: env.siteUrl },
    );
    const now = new Date();
    await tx
      .update(newsletterIssues)
      .set({ status: "sending", frozen, sendStartedAt: now, updatedAt: now })
      .where(eq(newsletterIssues.id, issueId));
    await queues.fanout(issueId, tx);
    return { ok: true, message: `Sending to ${recipients.toLocaleString("en-GB")} subscribers.` };
  });
}

/** "Send a test to yourself": the real email, sent now to the editor, with their own unsubscribe link. */
export async function sendTest(issueId: number, editor: { userId: string; email: string }): Promise<SendResult> {
  const issue = await findIssue(issueId);
  if (!issue) return { ok: false, message: "That issue does not exist." };
  const { email } = await issueEmail(issue);
  const url = unsubscribeUrl(editor.userId);
  const outcome = await newsletterSender().send({
    to: editor.email,
    issue: prepareIssue({ ...email, subject: `[Test] ${email.subject}` }),
    unsubscribeUrl: url,
    messageId: `<newsletter.${issueId}.test-${randomUUID()}@${new URL(env.siteUrl).hostname}>`,
  });
  if (outcome.kind === "sent") return { ok: true, message: `Test sent to ${editor.email}.` };
  console.error(`[newsletter] test of issue ${issueId} to ${editor.email} failed: ${outcome.reason}`);
  return { ok: false, message: "The test could not be sent: the mail server did not accept it. Please try again in a moment." };
}
