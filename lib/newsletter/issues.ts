import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues, type NewsletterIssue } from "@/lib/db/schema";
import { freezeIssue } from "./compose/freeze";
import { loadPicks } from "./compose/picks";
import { findNewsletter } from "./newsletters";
import type { IssueInput } from "./issue-input";

/** What the compose form saves; the fields a test does not need have their defaults. */
export type IssueDraft = Pick<IssueInput, "newsletterId" | "subject" | "intro" | "articleIds"> &
  Partial<Pick<IssueInput, "subjectB" | "samplePercent" | "testWaitMinutes">>;

const draftColumns = (input: IssueDraft) => ({
  newsletterId: input.newsletterId,
  subject: input.subject,
  subjectB: input.subjectB?.trim() || null,
  samplePercent: input.samplePercent ?? 10,
  testWaitMinutes: input.testWaitMinutes ?? 60,
  intro: input.intro,
  articleIds: input.articleIds,
});

export async function createIssue(input: IssueDraft, editorId: string | null): Promise<number> {
  const [row] = await db
    .insert(newsletterIssues)
    .values({ ...draftColumns(input), createdBy: editorId })
    .returning({ id: newsletterIssues.id });
  return row.id;
}

/** Saves a draft; false when the issue is no longer a draft (scheduled, or sending has started). */
export async function updateDraft(issueId: number, input: IssueDraft): Promise<boolean> {
  const rows = await db
    .update(newsletterIssues)
    .set({ ...draftColumns(input), updatedAt: new Date() })
    .where(and(eq(newsletterIssues.id, issueId), eq(newsletterIssues.status, "draft")))
    .returning({ id: newsletterIssues.id });
  return rows.length > 0;
}

/** The same test the send action makes. */
export const hasContent = (intro: string, publishedPicks: number) => intro.trim() !== "" || publishedPicks > 0;

export async function findIssue(issueId: number): Promise<NewsletterIssue | null> {
  if (!Number.isSafeInteger(issueId) || issueId <= 0) return null;
  const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).limit(1);
  return row ?? null;
}

export type IssueListItem = Pick<
  NewsletterIssue,
  "id" | "newsletterId" | "kind" | "subject" | "status" | "createdAt" | "sendStartedAt" | "finishedAt" | "recipientCount" | "scheduledAt"
>;

export async function listIssues(limit = 50): Promise<IssueListItem[]> {
  return db
    .select({
      id: newsletterIssues.id,
      newsletterId: newsletterIssues.newsletterId,
      kind: newsletterIssues.kind,
      scheduledAt: newsletterIssues.scheduledAt,
      subject: newsletterIssues.subject,
      status: newsletterIssues.status,
      createdAt: newsletterIssues.createdAt,
      sendStartedAt: newsletterIssues.sendStartedAt,
      finishedAt: newsletterIssues.finishedAt,
      recipientCount: newsletterIssues.recipientCount,
    })
    .from(newsletterIssues)
    .orderBy(desc(newsletterIssues.createdAt), desc(newsletterIssues.id))
    .limit(limit);
}

/**
 * The email as it looks now: the frozen copy once sending started, else rendered from
 * the draft. `missing` counts picked articles that are no longer published; `hasContent`
 * says whether there is anything to send (an intro, or a pick still published).
 */
export async function issueEmail(issue: NewsletterIssue) {
  if (issue.frozen) return { email: issue.frozen, missing: 0, hasContent: true };
  const picks = await loadPicks(issue.articleIds);
  const newsletter = (await findNewsletter(issue.newsletterId)) ?? { id: issue.newsletterId, name: "", senderName: "" };
  const email = freezeIssue(issue, newsletter, picks.articles);
  return { email, missing: picks.missing.length, hasContent: hasContent(issue.intro, picks.articles.length) };
}

/** A newsletter's latest digests, newest first. */
export async function recentDigests(newsletterId: number, limit = 5) {
  return db
    .select({ id: newsletterIssues.id, subject: newsletterIssues.subject, status: newsletterIssues.status })
    .from(newsletterIssues)
    .where(and(eq(newsletterIssues.newsletterId, newsletterId), eq(newsletterIssues.kind, "digest")))
    .orderBy(desc(newsletterIssues.digestPeriodEnd), desc(newsletterIssues.id))
    .limit(limit);
}
