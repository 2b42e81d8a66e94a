// An issue rendered as its newsletter's mail: the one place that decides what a copy says
// (the newsletter's name in the footer and List-Id, its sender name, a second subject).
import type { FrozenIssue, Newsletter, NewsletterIssue } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import type { IssueArticle } from "./issue-content";
import { listIdOf } from "./issue-mail";
import { renderIssue } from "./render";

type IssueFacts = Pick<NewsletterIssue, "id" | "subject" | "subjectB" | "intro">;
type NewsletterFacts = Pick<Newsletter, "id" | "name" | "senderName">;

export function freezeIssue(issue: IssueFacts, newsletter: NewsletterFacts, articles: IssueArticle[]): FrozenIssue {
  const site = { siteName: env.siteName, siteUrl: env.siteUrl, newsletterName: newsletter.name };
  const two = Boolean(issue.subjectB?.trim());
  const a = renderIssue({ subject: issue.subject, intro: issue.intro, articles, issueId: issue.id, variant: two ? "a" : undefined }, site);
  const frozen: FrozenIssue = {
    ...a,
    fromName: newsletter.senderName.trim() || undefined,
    list: listIdOf(newsletter.id, `${env.siteName}: ${newsletter.name}`),
  };
  if (two) {
    const b = renderIssue({ subject: issue.subjectB!.trim(), intro: issue.intro, articles, issueId: issue.id, variant: "b" }, site);
    // Both versions come from one template, so their gaps take the same URLs in the same order.
    frozen.b = { subject: b.subject, html: b.html, text: b.text };
  }
  return frozen;
}
