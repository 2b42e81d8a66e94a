import "server-only";
import { and, desc, eq, ne, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { articles, type Article } from "@/lib/db/schema";
import type { ArticleInput } from "./article-input";
import type { StoredParts } from "./render-parts";
import { renderOffThread } from "./render-pool";

/** Everything about an article except its premium part. Safe to show anyone who may list it. */
export const teaserColumns = {
  id: articles.id,
  slug: articles.slug,
  title: articles.title,
  dek: articles.dek,
  author: articles.author,
  publishedAt: articles.publishedAt,
  premium: articles.premium,
  metered: articles.metered,
  status: articles.status,
  image: articles.image,
  imageCaption: articles.imageCaption,
  ledeHtml: articles.ledeHtml,
  summary: articles.summary,
  updatedAt: articles.updatedAt,
};
export type ArticleTeaser = Pick<Article, keyof typeof teaserColumns>;

export type ArticleCard = Pick<ArticleTeaser, "id" | "slug" | "title" | "dek" | "author" | "publishedAt" | "premium" | "image">;

const { id, slug, title, dek, author, publishedAt, premium, image } = teaserColumns;
const cardColumns = { id, slug, title, dek, author, publishedAt, premium, image };

/** Published articles, newest first. */
export async function listPublished(limit = 50, offset = 0): Promise<ArticleCard[]> {
  return db
    .select(cardColumns)
    .from(articles)
    .where(eq(articles.status, "published"))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit)
    .offset(offset);
}

/** Published teasers, newest first: what a feed needs, in one query. */
export async function listPublishedTeasers(limit = 30): Promise<ArticleTeaser[]> {
  return db
    .select(teaserColumns)
    .from(articles)
    .where(eq(articles.status, "published"))
    .orderBy(desc(articles.publishedAt), desc(articles.id))
    .limit(limit);
}

/** Other published articles for "See also". */
export async function listRelated(articleId: number, limit = 3): Promise<ArticleCard[]> {
  return db
    .select(cardColumns)
    .from(articles)
    .where(and(eq(articles.status, "published"), ne(articles.id, articleId)))
    .orderBy(desc(articles.publishedAt))
    .limit(limit);
}

/** The teaser of one article by slug; never its premium part. */
export async function findTeaser(slug: string): Promise<ArticleTeaser | null> {
  const [row] = await db.select(teaserColumns).from(articles).where(eq(articles.slug, slug)).limit(1);
  return row ?? null;
}

/**
 * The premium part. Call only after the access rule said yes for this viewer.
 */
export async function loadRestHtml(articleId: number): Promise<string> {
  const [row] = await db.select({ restHtml: articles.restHtml }).from(articles).where(eq(articles.id, articleId));
  return row?.restHtml ?? "";
}

export { renderedParts } from "./render-parts";

/** How a write finds its row: by slug (files), a plain insert, or the article with `id`. */
export type UpsertTarget = { by: "slug" } | { by: "insert" } | { by: "id"; id: number };

/**
 * Inserts or updates by slug (article files, the default); or inserts only, failing on a
 * slug already taken; or updates the article with `id` (the desk, where the slug itself
 * may change). `parts`: the body's stored parts when the caller rendered them already
 * (renderOffThread, before its transaction). Returns whether a row was created.
 */
export async function upsertArticle(
  input: ArticleInput,
  tx: Executor = db,
  target: UpsertTarget = { by: "slug" },
  parts?: StoredParts,
): Promise<{ id: number; created: boolean }> {
  const values = {
    slug: input.slug,
    title: input.title,
    dek: input.dek,
    author: input.author,
    publishedAt: input.publishedAt,
    premium: input.premium,
    metered: input.metered,
    status: input.status,
    image: input.image ?? null,
    imageCaption: input.imageCaption ?? null,
    body: input.body,
    // Rendered off the event loop (lib/articles/render-pool.ts), unless the caller already did.
    ...(parts ?? (await renderOffThread(input.body, input.premium)).parts),
  };
  if (target.by === "id") {
    const [row] = await tx
      .update(articles)
      .set({ ...values, updatedAt: sql`now()` })
      .where(eq(articles.id, target.id))
      .returning({ id: articles.id });
    if (!row) throw new Error(`No article with id ${target.id}`);
    return { id: row.id, created: false };
  }
  if (target.by === "insert") {
    const [row] = await tx.insert(articles).values(values).returning({ id: articles.id });
    return { id: row.id, created: true };
  }
  const [row] = await tx
    .insert(articles)
    .values(values)
    .onConflictDoUpdate({ target: articles.slug, set: { ...values, updatedAt: sql`now()` } })
    .returning({ id: articles.id, created: sql<boolean>`(xmax = 0)` });
  return row;
}

export async function countArticles(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(articles);
  return row.n;
}
