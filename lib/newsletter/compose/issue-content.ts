import type { Article } from "@/lib/db/schema";

/** An article as a newsletter shows it: teaser facts only, never any premium text. */
export type IssueArticle = Pick<Article, "slug" | "title" | "dek" | "premium">;

/** What an editor composed, with its articles already loaded and checked. */
export type IssueContent = {
  subject: string;
  /** Markdown. */
  intro: string;
  articles: IssueArticle[];
  /** The issue's id: its article links carry ref=newsletter&issue=<id>, so the desk can count visits from it. */
  issueId?: number;
  /** A two-subject issue's version: its links also carry v=a or v=b, to count visits per subject. */
  variant?: "a" | "b";
};

/** The site, and the newsletter the mail is from (its name in the footer). */
export type SiteFacts = { siteName: string; siteUrl: string; newsletterName?: string };
