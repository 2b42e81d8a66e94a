import "server-only";
import { cache } from "react";
import { mayList, mayReadFull } from "@/lib/access/may-read";
import type { Viewer } from "@/lib/access/viewer";
import { cachedPublished, cachedRelated, cachedRestHtml, cachedTeaser } from "./cached-reads";
import { findTeaser, listPublished, listRelated, loadRestHtml, type ArticleCard, type ArticleTeaser } from "./queries";

export type ArticlePageData = {
  article: ArticleTeaser;
  /** The premium part, present only when the access rule said yes. */
  restHtml: string | null;
  related: ArticleCard[];
};

/**
 * Where a render reads articles: "cache" (Next's data cache) for pages rendered per
 * request; "database" for renders that are cached themselves, which would otherwise
 * add the data cache's lag to their own.
 */
export type ReadFrom = "cache" | "database";

const READS = {
  cache: { teaser: cachedTeaser, restHtml: cachedRestHtml, related: cachedRelated, published: cachedPublished },
  database: {
    teaser: findTeaser,
    restHtml: (a: Pick<ArticleTeaser, "id">) => loadRestHtml(a.id),
    related: (id: number) => listRelated(id),
    published: (limit: number) => listPublished(limit),
  },
} as const;

/**
 * What an article page shows this viewer; null when the viewer may not see it at all.
 * The premium part is read only after the access rule said yes. Once per request
 * (React cache), so metadata and page share one lookup.
 */
export const articleForViewer = cache(
  async (slug: string, viewer: Viewer, from: ReadFrom = "cache"): Promise<ArticlePageData | null> => {
    const reads = READS[from];
    const article = await reads.teaser(slug);
    if (!article || !mayList(viewer, article)) return null;
    const [restHtml, related] = await Promise.all([
      mayReadFull(viewer, article) ? reads.restHtml(article) : null,
      reads.related(article.id),
    ]);
    return { article, restHtml, related };
  },
);

export async function frontPageArticles(from: ReadFrom = "cache"): Promise<ArticleCard[]> {
  return READS[from].published(30);
}
