import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterDeliveries, newsletterIssues, type NewsletterIssue } from "@/lib/db/schema";

export type IssueProgress = {
  status: NewsletterIssue["status"];
  /** Recipients given a delivery row so far; final once `fannedOut`. */
  recipients: number;
  fannedOut: boolean;
  queued: number;
  sending: number;
  sent: number;
  failed: number;
  skipped: number;
  finishedAt: string | null;
};

/** An issue's live counts, from its delivery rows. */
export async function issueProgress(issueId: number): Promise<IssueProgress | null> {
  if (!Number.isSafeInteger(issueId) || issueId <= 0) return null;
  const [issue] = await db
    .select({
      status: newsletterIssues.status,
      recipients: newsletterIssues.recipientCount,
      fannedOutAt: newsletterIssues.fannedOutAt,
      finishedAt: newsletterIssues.finishedAt,
    })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.id, issueId));
  if (!issue) return null;
  const rows = await db
    .select({ status: newsletterDeliveries.status, n: sql<number>`count(*)::int` })
    .from(newsletterDeliveries)
    .where(eq(newsletterDeliveries.issueId, issueId))
    .groupBy(newsletterDeliveries.status);
  const count = (s: string) => rows.find((r) => r.status === s)?.n ?? 0;
  return {
    status: issue.status,
    recipients: issue.recipients,
    fannedOut: issue.fannedOutAt !== null,
    queued: count("queued"),
    sending: count("sending"),
    sent: count("sent"),
    failed: count("failed"),
    skipped: count("skipped"),
    finishedAt: issue.finishedAt?.toISOString() ?? null,
  };
}
