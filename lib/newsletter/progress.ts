import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterDeliveries, newsletterIssues, type NewsletterIssue } from "@/lib/db/schema";
import { REFUSAL_RUN } from "./send/retry-policy";

/** Why an issue stopped sending: what the server refused, its reply, and how many in a row. */
export type IssuePause = { kind: NonNullable<NewsletterIssue["pauseKind"]>; reason: string; at: string; run: number };

export type IssueProgress = {
  status: NewsletterIssue["status"];
  /** Recipients given a delivery row so far; final once `fannedOut`. */
  recipients: number;
  fannedOut: boolean;
  queued: number;
  sending: number;
  sent: number;
  /** Bad addresses (suppressed) and deliveries that kept failing. */
  failed: number;
  /** Messages the server refused (not the address): sent again on Resume. */
  refused: number;
  skipped: number;
  finishedAt: string | null;
  /** Set while the issue is paused. */
  pause: IssuePause | null;
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
      pauseKind: newsletterIssues.pauseKind,
      pauseReason: newsletterIssues.pauseReason,
      pausedAt: newsletterIssues.pausedAt,
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
    refused: count("refused"),
    skipped: count("skipped"),
    finishedAt: issue.finishedAt?.toISOString() ?? null,
    pause:
      issue.status === "paused" && issue.pauseKind && issue.pausedAt
        ? { kind: issue.pauseKind, reason: issue.pauseReason ?? "", at: issue.pausedAt.toISOString(), run: REFUSAL_RUN }
        : null,
  };
}
