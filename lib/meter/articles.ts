import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { keptUntilDropped } from "@/lib/render/drop";
import { articleTag, EVERYTHING_TAG } from "@/lib/render/tags";

/** The one fact the meter needs of an article: its id, when the meter counts it. */
export type MeteredArticle = { id: number } | null;

async function lookUp(slug: string): Promise<MeteredArticle> {
  const [row] = await db
    .select({ id: articles.id, premium: articles.premium, metered: articles.metered, status: articles.status })
    .from(articles)
    .where(eq(articles.slug, slug))
    .limit(1);
  return row && row.status === "published" && row.premium && row.metered ? { id: row.id } : null;
}

const kept = keptUntilDropped(lookUp, (tag, slug) => tag === EVERYTHING_TAG || tag === articleTag(slug));

/**
 * A published premium article the meter counts (not members only), or null; kept in
 * this process until a change of the article reaches it, so a reader's request costs
 * no query once the article was asked for.
 */
export function meteredArticle(slug: string): Promise<MeteredArticle> {
  return kept(slug);
}
