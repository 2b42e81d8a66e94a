import "server-only";
import type { Viewer } from "./viewer";

/** The two facts about an article that decide who may read all of it. */
export type AccessFacts = { premium: boolean; status: "published" | "draft" };

/**
 * The one access rule. May this viewer read the whole article (premium part included)?
 * Drafts: editors only. Premium: any signed-in account. Free: everyone.
 * Pages, feeds, sitemaps, metadata, APIs and emails all ask this before they load
 * or show the premium part.
 */
export function mayReadFull(viewer: Viewer, article: AccessFacts): boolean {
  if (article.status !== "published") return viewer.kind === "editor";
  if (!article.premium) return true;
  return viewer.kind === "member" || viewer.kind === "editor";
}

/** May this viewer see that the article exists at all (headline, lede)? */
export function mayList(viewer: Viewer, article: AccessFacts): boolean {
  return article.status === "published" || viewer.kind === "editor";
}
