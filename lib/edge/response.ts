// Which answers a shared cache (Varnish, Fastly, Cloudflare) may keep: the anonymous render of
// the front page or an article, as a plain 200 with no cookie set, named by its edge keys,
// and not sent across a drop. Everything else stays out of shared caches (README: "An edge cache in front").
import type { IncomingMessage, ServerResponse } from "node:http";
import { pageKeys } from "./keys";
import settingsModule from "./settings";

const { shareableHeaders } = settingsModule;
type EdgeSettings = ReturnType<typeof settingsModule.edgeSettings>;

const NEXT_ROUTER_HEADERS = ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch"];

type Req = IncomingMessage;
type Res = ServerResponse & { ledeEdgeShared?: boolean };

/** A plain page load: an RSC payload or prefetch at the same URL must never be taken for it. */
export function isPlainPageRequest(req: Req): boolean {
  return (req.method === "GET" || req.method === "HEAD") && NEXT_ROUTER_HEADERS.every((h) => req.headers[h] === undefined);
}

/**
 * The answer's Cache-Control (and edge keys), to set as its headers go out: a function of
 * its status. `shared`: the anonymous render, the same for every reader. `url`: the public
 * URL asked for. `store`: the render cache, whose dropSerial tells a drop during the
 * request. Run it after every other header is set (a Set-Cookie keeps it off the edge).
 */
export type CacheHeadersOptions = { shared: boolean; url: string; store: { dropSerial: number } | null; settings: EdgeSettings };

export function cacheHeaders(req: Req, res: Res, { shared, url, store, settings }: CacheHeadersOptions): (status: unknown) => void {
  const serialAtStart = store ? store.dropSerial : 0;
  const keys = shared && isPlainPageRequest(req) ? pageKeys(url) : null;
  return (status) => {
    const code = typeof status === "number" ? status : res.statusCode;
    const edgeMay =
      keys !== null && code === 200 && res.getHeader("set-cookie") === undefined && (!store || store.dropSerial === serialAtStart);
    if (edgeMay) for (const [name, value] of Object.entries(shareableHeaders(keys, settings))) res.setHeader(name, value);
    else res.setHeader("Cache-Control", shared ? "public, max-age=0, must-revalidate" : "private, no-store");
    res.ledeEdgeShared = edgeMay;
  };
}

/** Sets the answer's Cache-Control (and edge keys) as its headers go out (cacheHeaders). */
export function cacheHeadersAtSend(req: Req, res: Res, o: CacheHeadersOptions): void {
  const set = cacheHeaders(req, res, o);
  const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, status: unknown, ...rest: unknown[]) {
    if (!res.headersSent) set(status);
    return writeHead.call(this, status, ...rest);
  } as ServerResponse["writeHead"];
}

const EDGE_ONLY = ["surrogate-key", "cache-tag", "surrogate-control"];

/**
 * For every answer: one not marked shareable above carries no edge keys and no shared-cache
 * lifetime, whoever set them (Next gives prerendered pages s-maxage): no edge keeps it.
 */
export function keepOffTheEdge(res: Res): void {
  const writeHead = res.writeHead as (...args: unknown[]) => ServerResponse;
  res.writeHead = function (this: ServerResponse, ...args: unknown[]) {
    if (!res.headersSent && !res.ledeEdgeShared) {
      for (const name of EDGE_ONLY) res.removeHeader(name);
      const cc = res.getHeader("cache-control");
      if (typeof cc === "string" && /s-maxage|stale-while-revalidate/i.test(cc)) {
        const kept = cc.split(",").map((d) => d.trim()).filter((d) => d && !/^(s-maxage|stale-while-revalidate)\b/i.test(d));
        res.setHeader("Cache-Control", kept.length ? kept.join(", ") : "no-cache");
      }
    }
    return writeHead.apply(this, args);
  } as ServerResponse["writeHead"];
}
