import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { keptUntilDropped } from "@/lib/cache/drops";
import { articleTag, EVERYTHING_TAG } from "@/lib/cache/tags";

/** What a request for an article needs to know of it before any render: a published article's id and access. */
export type ArticleFacts = { id: number; premium: boolean; metered: boolean } | null;

async function lookUp(slug: string): Promise<ArticleFacts> {
  const [row] = await db
    .select({ id: articles.id, premium: articles.premium, metered: articles.metered, status: articles.status })
    .from(articles)
    .where(eq(articles.slug, slug))
    .limit(1);
  return row && row.status === "published" ? { id: row.id, premium: row.premium, metered: row.metered } : null;
}

const kept = keptUntilDropped(lookUp, (tag, slug) => tag === EVERYTHING_TAG || tag === articleTag(slug));

/**
 * A published article's facts, or null; kept in this process until a change of the
 * article reaches it, so a reader's request costs no query once the article was asked for.
 */
export function articleFacts(slug: string): Promise<ArticleFacts> {
  return kept(slug);
}

/** The article's facts if this process knows them now (`{ value: null }`: no such published article), else undefined. */
export function knownArticleFacts(slug: string): { value: ArticleFacts } | undefined {
  return kept.known(slug);
}
