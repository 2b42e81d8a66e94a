import "server-only";
import { count, desc, eq, ilike } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles, type Article } from "@/lib/db/schema";
import { signupsByArticle } from "./insight";
import { containsPattern } from "./list-query";

export const ARTICLES_PER_PAGE = 25;

export type DeskArticleRow = Pick<Article, "id" | "slug" | "title" | "status" | "premium" | "metered" | "updatedAt"> & {
  /** Readers who joined from this article, ever: confirmed members. */
  signups: number;
  /** …and those who asked and never confirmed. */
  asked: number;
};

export type DeskArticlePage = { rows: DeskArticleRow[]; total: number; page: number; pages: number };

/** Every article, drafts included, most recently changed first; `q` searches titles. */
export async function listDeskArticles(q: string, page: number): Promise<DeskArticlePage> {
  const where = q.trim() ? ilike(articles.title, containsPattern(q.trim())) : undefined;
  const [{ total }] = await db.select({ total: count() }).from(articles).where(where);
  const pages = Math.max(1, Math.ceil(total / ARTICLES_PER_PAGE));
  const current = Math.min(page, pages);
  const rows = await db
    .select({
      id: articles.id,
      slug: articles.slug,
      title: articles.title,
      status: articles.status,
      premium: articles.premium,
      metered: articles.metered,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .where(where)
    .orderBy(desc(articles.updatedAt), desc(articles.id))
    .limit(ARTICLES_PER_PAGE)
    .offset((current - 1) * ARTICLES_PER_PAGE);
  const signups = await signupsByArticle(rows.map((r) => r.id));
  return {
    rows: rows.map((r) => ({ ...r, signups: signups.get(r.id)?.joined ?? 0, asked: signups.get(r.id)?.asked ?? 0 })),
    total,
    page: current,
    pages,
  };
}

/** The whole article, body included: for the editor only. */
export async function deskArticle(id: number): Promise<Article | null> {
  if (!Number.isSafeInteger(id) || id < 1) return null;
  const [row] = await db.select().from(articles).where(eq(articles.id, id)).limit(1);
  return row ?? null;
}
