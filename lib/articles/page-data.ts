import "server-only";
import { cache } from "react";
import { mayList, mayReadFull } from "@/lib/access/may-read";
import type { Viewer } from "@/lib/access/viewer";
import { cachedPublished, cachedRelated, cachedRestHtml, cachedTeaser } from "./cached-reads";
import type { ArticleCard, ArticleTeaser } from "./queries";

export type ArticlePageData = {
  article: ArticleTeaser;
  /** The premium part, present only when the access rule said yes. */
  restHtml: string | null;
  related: ArticleCard[];
};

/**
 * What an article page shows this viewer; null when the viewer may not see it at all.
 * Reads come from the data cache; the premium part is read only after the access rule
 * said yes. Per request (React cache), so metadata and page share one lookup.
 */
export const articleForViewer = cache(async (slug: string, viewer: Viewer): Promise<ArticlePageData | null> => {
  const article = await cachedTeaser(slug);
  if (!article || !mayList(viewer, article)) return null;
  const [restHtml, related] = await Promise.all([
    mayReadFull(viewer, article) ? cachedRestHtml(article) : null,
    cachedRelated(article.id),
  ]);
  return { article, restHtml, related };
});

export async function frontPageArticles(): Promise<ArticleCard[]> {
  return cachedPublished(30);
}
