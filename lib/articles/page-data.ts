import "server-only";
import { cache } from "react";
import { mayList, mayReadFull } from "@/lib/access/may-read";
import type { Reader } from "@/lib/access/viewer";
import { findTeaser, listPublished, listRelated, loadRestHtml, type ArticleCard, type ArticleTeaser } from "./queries";

export type ArticlePageData = {
  article: ArticleTeaser;
  /** The premium part, present only when the access rule said yes. */
  restHtml: string | null;
  related: ArticleCard[];
};

/**
 * What an article page shows this viewer; null when the viewer may not see it at all.
 * The premium part is read only after the access rule said yes. Read from the database
 * once per render (React cache), so metadata and page share one lookup: the cached
 * renders (lib/render) are the cache.
 */
export const articleForViewer = cache(async (slug: string, viewer: Reader): Promise<ArticlePageData | null> => {
  const article = await findTeaser(slug);
  if (!article || !mayList(viewer, article)) return null;
  const [restHtml, related] = await Promise.all([
    mayReadFull(viewer, article) ? loadRestHtml(article.id) : null,
    listRelated(article.id),
  ]);
  return { article, restHtml, related };
});

export async function frontPageArticles(): Promise<ArticleCard[]> {
  return listPublished(30);
}
