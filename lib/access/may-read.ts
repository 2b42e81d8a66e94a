import "server-only";
import type { Article } from "@/lib/db/schema";
import type { Reader } from "./viewer";

/** The facts about an article that decide who may read all of it. */
export type AccessFacts = Pick<Article, "premium" | "status"> & Partial<Pick<Article, "metered" | "id">>;

/**
 * The one access rule. May this viewer read the whole article (premium part included)?
 * Drafts: editors only. Premium: any signed-in account, and a reader the meter lets
 * sample it when it is metered (not members only), and a gift link's reader for the one
 * article the gift names (metered or members only). Free: everyone.
 * Pages, feeds, sitemaps, metadata, APIs and emails all ask this before they load
 * or show the premium part.
 */
export function mayReadFull(viewer: Reader, article: AccessFacts): boolean {
  if (article.status !== "published") return viewer.kind === "editor";
  if (!article.premium) return true;
  if (viewer.kind === "sampler") return article.metered === true;
  // A gift unlocks its own article only: an article whose id is not known here is not it.
  if (viewer.kind === "gift") return article.id !== undefined && viewer.articleId === article.id;
  return viewer.kind === "member" || viewer.kind === "editor";
}

/** May this viewer see that the article exists at all (headline, lede)? */
export function mayList(viewer: Reader, article: AccessFacts): boolean {
  return article.status === "published" || viewer.kind === "editor";
}
