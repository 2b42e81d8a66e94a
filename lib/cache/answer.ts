// A cached page answered by the front server itself, as Next answers it from its cache: the
// same status and headers (Next's Vary, x-nextjs-cache, the render's own headers), Next's
// own ETag with its 304, and gzip when the reader takes it. What a request costs Next on top
// (routing, its spans, hashing the whole page for the ETag, compressing it again) is paid once
// per render here, not once per request. README: "How a page is served".
import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { generateETag } from "next/dist/server/lib/etag";
import { getRouteCacheKey } from "next/dist/server/lib/route-cache-key";
import type { RouteKind } from "next/dist/server/route-kind";
import { namesEtag } from "@/lib/http/etag";
import { RENDER_ROOT } from "@/lib/render/routes";

/** Next's Vary for an App Router page, with Accept-Encoding as its compression adds it. */
export const PAGE_VARY = "rsc, next-router-state-tree, next-router-prefetch, next-router-segment-prefetch, Accept-Encoding";
/** Next compresses nothing shorter (its compression's threshold). */
const GZIP_THRESHOLD = 1024;
const HTML = "text/html; charset=utf-8";
/** Next keeps the cache tags to itself outside its minimal mode. */
const NOT_SENT = new Set(["x-next-cache-tags"]);

type HeaderValue = string | number | string[] | undefined;
type PageValue = { kind: "APP_PAGE"; html: string; headers?: Record<string, HeaderValue>; status?: number; postponed?: unknown };

/** What every request for one render is answered with, made once. */
export type CachedAnswer = { html: string; length: number; etag: string; headers: [string, string][]; gzip?: Buffer };

const made = new WeakMap<object, CachedAnswer | null>();

/**
 * The answer for a cached value, or null for what only Next may serve: anything but a whole
 * page of HTML with status 200 (an RSC-only entry, a postponed shell, a 404 or a redirect).
 */
export function cachedAnswer(value: unknown): CachedAnswer | null {
  if (value === null || typeof value !== "object") return null;
  const known = made.get(value);
  if (known !== undefined) return known;
  const page = value as Partial<PageValue>;
  let answer: CachedAnswer | null = null;
  if (page.kind === "APP_PAGE" && typeof page.html === "string" && page.postponed == null && (page.status ?? 200) === 200) {
    const headers: [string, string][] = [];
    for (const [name, v] of Object.entries(page.headers ?? {})) {
      if (v === undefined || NOT_SENT.has(name.toLowerCase())) continue;
      for (const one of Array.isArray(v) ? v : [v]) headers.push([name, String(one)]);
    }
    answer = { html: page.html, length: Buffer.byteLength(page.html), etag: generateETag(page.html), headers };
  }
  made.set(value, answer);
  return answer;
}

/** The App Router pages the renders are (app/render~/…): Next files each page's cache entries under its module. */
const RENDER_PAGES = [
  { path: new RegExp(`^${RENDER_ROOT}/[a-z0-9-]+/articles/[a-z0-9-]+$`), sourceRoute: `${RENDER_ROOT}/[render]/articles/[slug]/page` },
  { path: new RegExp(`^${RENDER_ROOT}/[a-z0-9-]+/[a-z0-9-]+$`), sourceRoute: `${RENDER_ROOT}/[render]/[page]/page` },
];

/** The key Next's cache handler is asked for a render's path (Next's own function), or null for no render's. */
export function renderCacheKey(path: string): string | null {
  const page = RENDER_PAGES.find((p) => p.path.test(path));
  return page ? getRouteCacheKey(path, { kind: "APP_PAGE" as RouteKind, sourceRoute: page.sourceRoute }) : null;
}

/** The q-value an Accept-Encoding header gives `coding` (`*` counts; identity is acceptable unless refused). */
function quality(accept: string, coding: string): number | null {
  let star: number | null = null;
  let min = 1;
  for (const part of accept.split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    const value = Number.isFinite(q) ? Math.min(Math.max(q, 0), 1) : 0;
    if (name === coding) return value;
    if (name === "*") star = value;
    if (value > 0) min = Math.min(min, value); // as Negotiator: a refusal does not lower identity's
  }
  if (star !== null) return star;
  return coding === "identity" ? min : null;
}

/** "gzip", "identity", or null when the reader takes neither (Next then answers). Next's compression prefers gzip on a tie. */
export function chooseEncoding(accept: string | undefined): "gzip" | "identity" | null {
  if (!accept || !accept.trim()) return "identity";
  const gzip = quality(accept, "gzip") ?? 0;
  const identity = quality(accept, "identity") ?? 0;
  if (gzip > 0 && gzip >= identity) return "gzip";
  if (identity > 0) return "identity";
  return null;
}

/** Is the reader's copy current (If-None-Match naming this ETag, weak or strong, or "*")? As Next's `fresh`. */
export function readerHasIt(req: IncomingMessage, etag: string): boolean {
  const noneMatch = req.headers["if-none-match"];
  if (!noneMatch) return false;
  if (/(?:^|,)\s*no-cache\s*(?:,|$)/i.test(String(req.headers["cache-control"] ?? ""))) return false;
  return noneMatch.trim() === "*" || namesEtag(noneMatch, etag);
}

/**
 * Answers `req` with `answer`: 304 when the reader's copy is current, else the page (its
 * head only for HEAD). Returns false, having written nothing, when Next must answer.
 */
export function sendCachedAnswer(req: IncomingMessage, res: ServerResponse, answer: CachedAnswer): boolean {
  const head = req.method === "HEAD";
  const encoding = head || answer.length < GZIP_THRESHOLD ? "identity" : chooseEncoding(req.headers["accept-encoding"]);
  if (encoding === null) return false;
  res.setHeader("Vary", PAGE_VARY);
  res.setHeader("x-nextjs-cache", "HIT");
  res.setHeader("x-nextjs-prerender", "1");
  for (const [name, value] of answer.headers) res.appendHeader(name, value);
  res.setHeader("ETag", answer.etag);
  if (readerHasIt(req, answer.etag)) {
    res.statusCode = 304;
    res.end();
    return true;
  }
  res.statusCode = 200;
  res.setHeader("Content-Type", HTML);
  if (encoding === "gzip") {
    answer.gzip ??= gzipSync(answer.html);
    res.setHeader("Content-Encoding", "gzip");
    res.setHeader("Content-Length", answer.gzip.length);
    res.end(answer.gzip);
  } else {
    res.setHeader("Content-Length", answer.length);
    if (head) res.end();
    else res.end(answer.html);
  }
  return true;
}
