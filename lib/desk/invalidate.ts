import "server-only";
import { revalidatePath } from "next/cache";

/** Marks cached pages stale; injected so that tests can record the paths instead. */
export type Invalidate = (paths: string[]) => void;

export const ARTICLE_PAGES = "/anon/articles/[slug]";
export const FRONT_PAGE = "/anon/front";

type Visible = { slug: string; status: "published" | "draft" };

/**
 * The cached anonymous pages (app/anon, reached through proxy.ts rewrites, so the
 * destination paths) that may show an article before or after a change. Cards (title,
 * premium mark, dek…) also appear in other articles' "See also", so a change to what
 * a card shows marks every article page stale; they re-render on their next visit.
 */
export function pathsAfterChange(before: Visible | null, after: Visible | null, cardChanged: boolean): string[] {
  const wasPublic = before?.status === "published";
  const isPublic = after?.status === "published";
  if (!wasPublic && !isPublic) return [];
  const paths = new Set<string>([FRONT_PAGE]);
  if (before) paths.add(`/anon/articles/${before.slug}`);
  if (after) paths.add(`/anon/articles/${after.slug}`);
  if (cardChanged || wasPublic !== isPublic) paths.add(ARTICLE_PAGES);
  return [...paths];
}

/**
 * Next's revalidatePath expires the page at once: per node_modules/next/dist/docs
 * (revalidatePath, "How revalidation works"), the NEXT request renders it afresh rather
 * than being served the stale copy (which is what revalidateTag with "max" would do).
 */
export const revalidateAnonymousPages: Invalidate = (paths) => {
  for (const path of paths) {
    if (path === ARTICLE_PAGES) revalidatePath(path, "page");
    else revalidatePath(path);
  }
};
