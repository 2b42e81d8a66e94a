import "server-only";
import { and, desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues, type NewsletterIssue } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { renderIssue } from "./compose/render";
import { loadPicks } from "./compose/picks";
import type { IssueInput } from "./issue-input";

export async function createIssue(input: IssueInput, editorId: string): Promise<number> {
  const [row] = await db
    .insert(newsletterIssues)
    .values({ subject: input.subject, intro: input.intro, articleIds: input.articleIds, createdBy: editorId })
    .returning({ id: newsletterIssues.id });
  return row.id;
}

/** Saves a draft; false when the issue is no longer a draft (sending has started). */
export async function updateDraft(issueId: number, input: IssueInput): Promise<boolean> {
  const rows = await db
    .update(newsletterIssues)
    .set({ subject: input.subject, intro: input.intro, articleIds: input.articleIds, updatedAt: new Date() })
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

export type IssueListItem = Pick<NewsletterIssue, "id" | "subject" | "status" | "createdAt" | "sendStartedAt" | "finishedAt" | "recipientCount">;

export async function listIssues(limit = 50): Promise<IssueListItem[]> {
  return db
    .select({
      id: newsletterIssues.id,
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
  const email = renderIssue(
    { subject: issue.subject, intro: issue.intro, articles: picks.articles, issueId: issue.id },
    { siteName: env.siteName, siteUrl: env.siteUrl },
  );
  return { email, missing: picks.missing.length, hasContent: hasContent(issue.intro, picks.articles.length) };
}
