// Which cached renders a change drops. Every render of a page carries Next's own tags
// for its path (`_N_T_` + path); a change names the articles it touched and whether
// lists of articles changed (the front page, and every article's "See also").
import type { Article } from "@/lib/db/schema";
import * as routes from "@/lib/render/routes";

/** `everything`: a change every page may show (a site setting such as the meter). */
export type RenderChange = { slugs: string[]; lists: boolean; everything?: boolean };

const pathTag = (path: string) => `_N_T_${path}`;

/**
 * The feed and the sitemap (lib/articles/feeds.ts): dropped by every change to a published
 * article, since the feed carries free articles' text and premium ones' ledes.
 */
export const FEEDS_TAG = "lede:feeds";

/** Every page's own tag (Next gives each page the root layout's). */
export const EVERYTHING_TAG = pathTag("/layout");

const renderPath = (render: string, page: string) => `${routes.RENDER_ROOT}/${render}/${page}`;

/** The tag of an article's anonymous page, for caches of facts about that article. */
export const articleTag = (slug: string) => pathTag(renderPath("anonymous", `articles/${slug}`));

/** The tags of every render (anonymous and members') that shows what `change` touched. */
export function renderTags(change: RenderChange): string[] {
  if (change.everything) return [EVERYTHING_TAG];
  const tags = new Set<string>();
  for (const slug of change.slugs) {
    for (const render of routes.ARTICLE_RENDERS) tags.add(pathTag(renderPath(render, `articles/${slug}`)));
  }
  if (change.slugs.length > 0 || change.lists) tags.add(FEEDS_TAG);
  if (change.lists) {
    for (const render of routes.FRONT_RENDERS) tags.add(pathTag(renderPath(render, "front")));
    // Every article page of every render (its route's own tag): each has a "See also" list.
    tags.add(pathTag(`${routes.RENDER_ROOT}/[render]/articles/[slug]/page`));
  }
  return [...tags];
}

type Visible = Pick<Article, "slug" | "status">;

/**
 * What a write of an article (before → after; null: none) changes: its page under its
 * old and new slug, and the lists when a card (title, premium mark, dek…) or whether
 * readers see it at all changed. A draft that stays a draft changes no cached render.
 */
export function articleChange(before: Visible | null, after: Visible | null, cardChanged: boolean): RenderChange {
  const wasPublic = before?.status === "published";
  const isPublic = after?.status === "published";
  // Drafts have no cached render (readers get "not found", editors a per-request page).
  if (!wasPublic && !isPublic) return { slugs: [], lists: false };
  const slugs = [...new Set([before?.slug, after?.slug].filter((s): s is string => Boolean(s)))];
  return { slugs, lists: cardChanged || wasPublic !== isPublic };
}
