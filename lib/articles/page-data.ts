import "server-only";
import { mayList, mayReadFull } from "@/lib/access/may-read";
import type { Viewer } from "@/lib/access/viewer";
import { findTeaser, listPublished, listRelated, loadRestHtml, type ArticleCard, type ArticleTeaser } from "./queries";

export type ArticlePageData = {
  article: ArticleTeaser;
  /** The premium part, present only when the access rule said yes. */
  restHtml: string | null;
  related: ArticleCard[];
};

/** What an article page shows this viewer; null when the viewer may not see it at all. */
export async function articleForViewer(slug: string, viewer: Viewer): Promise<ArticlePageData | null> {
  const article = await findTeaser(slug);
  if (!article || !mayList(viewer, article)) return null;
  const restHtml = mayReadFull(viewer, article) ? await loadRestHtml(article.id) : null;
  const related = await listRelated(article.id);
  return { article, restHtml, related };
}

export async function frontPageArticles(): Promise<ArticleCard[]> {
  return listPublished(30);
}
