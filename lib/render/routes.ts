// The addresses of the cached renders of the front page and articles, and the rewrites
// that reach them (README: "How a page is served"). Which render a request gets is
// lib/render/choose.ts. No server-only import: the front server and next.config use it.
import type { Rewrite, RouteHas } from "next/dist/lib/load-custom-routes";
// Relative imports: next.config.ts loads this file, and its loader resolves "@/" wrongly.
import { SESSION_COOKIES } from "../auth/cookie-names";

/** The render the front server chose for a request ("none": the per-request pages); clients' are dropped. */
export const RENDER_HEADER = "x-lede-render";

/**
 * The cached renders live under app/render~/[render]/…; "metered-<n>" and "spent" are the
 * meter's; "gate-<v>" and "spent-<v>" the gate and the meter's wall in variant v of a
 * running wall experiment (lib/experiments).
 */
export const RENDER_ROOT = "/render~";
export const FRONT_RENDERS = ["anonymous", "member"] as const;
export const MAX_VARIANTS = 4;
const VARIANT_RENDERS = Array.from({ length: MAX_VARIANTS }, (_, v) => [`gate-${v}`, `spent-${v}`]).flat();
export const ARTICLE_RENDERS = ["anonymous", "member", "spent", ...Array.from({ length: 10 }, (_, n) => `metered-${n}`), ...VARIANT_RENDERS];
export const RENDERS = { anonymous: `${RENDER_ROOT}/anonymous`, member: `${RENDER_ROOT}/member` };

const PAGE_WITH_RENDERS = /^\/(?:articles\/[^/?]+\/?)?(?:\?.*)?$/;

/** "/" and "/articles/<slug>" (any query): the pages that have cached renders. */
export function hasRenders(url: string): boolean {
  return PAGE_WITH_RENDERS.test(url);
}

/**
 * The render's own path (query kept) for a plain request; null for a trailing slash, which
 * Next redirects first. RSC requests take the rewrites: Next's redirects keep the public URL.
 */
export function renderUrl(url: string, render: string): string | null {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== "/" && path.endsWith("/")) return null;
  const page = path === "/" ? "front" : path.slice(1);
  return `${RENDER_ROOT}/${render}/${page}${q < 0 ? "" : url.slice(q)}`;
}

/**
 * The render of a reader in a wall experiment's variant: the gate ("anonymous") and the
 * meter's wall ("spent") in the variant's words; a free read (the meter's notice) as it is.
 */
export function variantRender(render: string, variant: { variant: number } | null | undefined): string {
  if (!variant || !(variant.variant >= 0 && variant.variant < MAX_VARIANTS)) return render;
  if (render === "anonymous") return `gate-${variant.variant}`;
  if (render === "spent") return `spent-${variant.variant}`;
  return render;
}

/** The slug of an article URL ("/articles/<slug>", any query), or null. */
export function articleSlug(url: string): string | null {
  const m = /^\/articles\/([^/?]+)(?:\?|$)/.exec(url);
  return m ? m[1] : null;
}

/** next.config's rewrites: by the front server's header, or without it, anonymous for no session cookie. */
export function renderRewrites(): Rewrite[] {
  const chosen = (names: readonly string[]): RouteHas => ({ type: "header", key: RENDER_HEADER, value: `(?<render>${names.join("|")})` });
  const withoutServer: RouteHas[] = [{ type: "header", key: RENDER_HEADER }, ...SESSION_COOKIES.map((key): RouteHas => ({ type: "cookie", key }))];
  return [
    { source: "/", has: [chosen(FRONT_RENDERS)], destination: `${RENDER_ROOT}/:render/front` },
    { source: "/articles/:slug", has: [chosen(ARTICLE_RENDERS)], destination: `${RENDER_ROOT}/:render/articles/:slug` },
    { source: "/", missing: withoutServer, destination: `${RENDERS.anonymous}/front` },
    { source: "/articles/:slug", missing: withoutServer, destination: `${RENDERS.anonymous}/articles/:slug` },
  ];
}

/** Does this URL name a render's folder itself, in any spelling? Only the rewrites may route there. */
export function namesRender(url: string): boolean {
  let path = String(url).split("?")[0];
  for (let i = 0; i < 5; i++) {
    let decoded;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return path.toLowerCase().includes("render");
    }
    if (decoded === path) break;
    path = decoded;
  }
  return path.toLowerCase().includes("render~");
}
