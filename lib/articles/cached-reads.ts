// Article reads for pages rendered per request (editors' pages, `next dev`), kept in
// Next's data cache so that a page view costs no query for them.
import "server-only";
import { unstable_cache } from "next/cache";
import { findTeaser, listPublished, listRelated, loadRestHtml, type ArticleCard, type ArticleTeaser } from "./queries";

/** Every cached article read carries this tag: `revalidateTag(ARTICLES_TAG, …)` drops them all. */
export const ARTICLES_TAG = "articles";
export const articleTag = (slug: string) => `article:${slug}`;

// The tags Next's revalidatePath() expires for the anonymous pages. Writers already call
// revalidatePath("/anon/articles/<slug>") and revalidatePath("/anon/front") after a change;
// carrying those tags here makes the same calls refresh the signed-in pages' data too.
const anonArticlePathTag = (slug: string) => `_N_T_/anon/articles/${slug}`;
const ANON_FRONT_PATH_TAG = "_N_T_/anon/front";
// revalidatePath("/anon/articles/[slug]", "page"): every article page (a card changed).
const ANON_ARTICLE_PAGES_TAG = "_N_T_/anon/articles/[slug]/page";

// For changes made where no revalidatePath() reaches (another instance, npm run
// articles:import): as long as the cached renders may lag (their revalidate).
const FRESH_SECONDS = 10;

/** The cache keeps JSON: dates come back as strings. */
function revive<T extends { publishedAt: Date }>(row: T): T {
  const out = { ...row, publishedAt: new Date(row.publishedAt) };
  if ("updatedAt" in row) Object.assign(out, { updatedAt: new Date(row.updatedAt as Date) });
  return out;
}

/** The teaser of one article (never its premium part), or null. */
export async function cachedTeaser(slug: string): Promise<ArticleTeaser | null> {
  const read = unstable_cache(() => findTeaser(slug), ["lede:teaser", slug], {
    tags: [ARTICLES_TAG, articleTag(slug), anonArticlePathTag(slug)],
    revalidate: FRESH_SECONDS,
  });
  const row = await read();
  return row ? revive(row) : null;
}

/**
 * The premium part of an article. Call only after the access rule said yes. Keyed by the
 * teaser's updatedAt, so it is never older than the teaser it is shown under.
 */
export async function cachedRestHtml(article: Pick<ArticleTeaser, "id" | "slug" | "updatedAt">): Promise<string> {
  const version = String(article.updatedAt.getTime());
  const read = unstable_cache(() => loadRestHtml(article.id), ["lede:rest", String(article.id), version], {
    tags: [ARTICLES_TAG, articleTag(article.slug), anonArticlePathTag(article.slug)],
    revalidate: FRESH_SECONDS,
  });
  return read();
}

const related = unstable_cache((articleId: number) => listRelated(articleId), ["lede:related"], {
  tags: [ARTICLES_TAG, ANON_FRONT_PATH_TAG],
  revalidate: FRESH_SECONDS,
});

/** "See also" for an article: other published articles, newest first. */
export async function cachedRelated(articleId: number): Promise<ArticleCard[]> {
  return (await related(articleId)).map(revive);
}

const published = unstable_cache((limit: number) => listPublished(limit), ["lede:published"], {
  tags: [ARTICLES_TAG, ANON_FRONT_PATH_TAG],
  revalidate: FRESH_SECONDS,
});

/** Published articles, newest first. */
export async function cachedPublished(limit: number): Promise<ArticleCard[]> {
  return (await published(limit)).map(revive);
}

/**
 * Makes the render that calls this expire whenever the anonymous render of the same
 * page does: the members' render follows writers' revalidatePath("/anon/…") calls.
 */
export async function expireWithAnonymousPage(page: { slug: string } | "front"): Promise<void> {
  const tags =
    page === "front"
      ? [ARTICLES_TAG, ANON_FRONT_PATH_TAG]
      : [ARTICLES_TAG, articleTag(page.slug), anonArticlePathTag(page.slug), ANON_ARTICLE_PAGES_TAG];
  await unstable_cache(async () => true, ["lede:follow", ...tags], { tags })();
}
