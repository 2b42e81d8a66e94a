import "server-only";
import { and, desc, eq, inArray } from "drizzle-orm";
import { mayList, mayReadFull } from "@/lib/access/may-read";
import { ANONYMOUS } from "@/lib/access/viewer";
import { db, type Executor } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import type { IssueArticle } from "./issue-content";

// Teaser facts only: the premium text is never selected for an email.
const pickColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  premium: articles.premium,
  status: articles.status,
  publishedAt: articles.publishedAt,
};

export type PickableArticle = IssueArticle & { id: number; publishedAt: Date };

/** The articles an editor may put in an issue: published ones, newest first. */
export async function pickableArticles(limit = 40): Promise<PickableArticle[]> {
  return db
    .select(pickColumns)
    .from(articles)
    .where(eq(articles.status, "published"))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

const day = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

/** The pick list as the compose form shows it (plain values, safe to hand to a client component). */
export async function pickOptions() {
  return (await pickableArticles()).map((a) => ({ id: a.id, title: a.title, dek: a.dek, premium: a.premium, published: day.format(a.publishedAt) }));
}

export type LoadedPicks = { articles: (IssueArticle & { id: number })[]; missing: number[] };

/**
 * The picked articles in the editor's order, as the email will show them. Each must be
 * listable by an anonymous reader (published); the rest are left out and reported.
 * An email is seen by whoever the mail reaches, so it is treated as anonymous: premium
 * articles appear with headline, dek and link, nothing behind the gate.
 */
export async function loadPicks(ids: number[], tx: Executor = db): Promise<LoadedPicks> {
  if (ids.length === 0) return { articles: [], missing: [] };
  const rows = await tx.select(pickColumns).from(articles).where(and(inArray(articles.id, ids)));
  const byId = new Map(rows.filter((r) => mayList(ANONYMOUS, r)).map((r) => [r.id, r]));
  const found = ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, slug: r.slug, title: r.title, dek: r.dek, premium: r.premium && !mayReadFull(ANONYMOUS, r) }] : [];
  });
  return { articles: found, missing: ids.filter((id) => !byId.has(id)) };
}
