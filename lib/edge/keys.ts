// The edge cache's keys (Surrogate-Key, Cache-Tag): what a shareable page carries, and
// which keys a change purges. Both come from the render tags lib/cache/tags.ts drops, so a
// page at the edge is purged by exactly the changes that drop its render in Lede.
import { RENDER_ROOT, articleSlug } from "@/lib/render/routes";

const PREFIX = "lede-";
const ALL = `${PREFIX}all`;
const FRONT = `${PREFIX}front`;
const ARTICLES = `${PREFIX}articles`;
/** Slugs are named in keys only when they need no escaping (space- and comma-free, short). */
const SAFE_SLUG = /^[a-z0-9][a-z0-9-]{0,150}$/i;
const articleKey = (slug: string) => (SAFE_SLUG.test(slug) ? `${PREFIX}article-${slug.toLowerCase()}` : null);

const TAG = "_N_T_";
const ANON_ARTICLE = `${TAG}${RENDER_ROOT}/anonymous/articles/`;

/** The edge key of one render tag, or null when no shareable page carries it (members', the meter's). */
export function keyOfTag(tag: string): string | null {
  if (tag === `${TAG}/layout`) return ALL;
  if (tag === `${TAG}${RENDER_ROOT}/anonymous/front`) return FRONT;
  if (tag === `${TAG}${RENDER_ROOT}/[render]/articles/[slug]/page`) return ARTICLES;
  if (tag.startsWith(ANON_ARTICLE)) return articleKey(tag.slice(ANON_ARTICLE.length));
  return null;
}

/** The keys a change that drops `tags` purges at the edge. */
export function purgeKeys(tags: string[]): string[] {
  return [...new Set(tags.map(keyOfTag).filter((k) => k !== null))];
}

/**
 * The keys of the anonymous render served for `url` (the front page or an article), or null
 * when the page cannot be named by keys, and so must not be kept at the edge.
 */
export function pageKeys(url: string): string[] | null {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (path === "/") return [ALL, FRONT];
  const raw = articleSlug(url);
  if (!raw) return null;
  let slug;
  try {
    slug = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const own = articleKey(slug);
  return own ? [ALL, ARTICLES, own] : null;
}

export { ALL, FRONT, ARTICLES };
