// Which answers an edge cache may keep: only the anonymous render of the front page or an
// article, a plain 200 with no cookie set, not sent across a drop. Each other door is tried.
import http from "node:http";
import { describe, expect, it } from "vitest";
import * as response from "./response";
import settings from "./settings";

const edge = settings.edgeSettings({ LEDE_EDGE_PURGE: "varnish", LEDE_VARNISH_PURGE_URL: "http://127.0.0.1:1/" });

type Opts = { method?: string; headers?: Record<string, string>; shared?: boolean; url?: string; status?: number; setCookie?: boolean; dropDuring?: boolean; preset?: Record<string, string> };

/** Runs the rule on a fake request and a real ServerResponse, and returns the headers sent. */
function answer(o: Opts = {}) {
  const req = { method: o.method ?? "GET", headers: o.headers ?? {} } as unknown as http.IncomingMessage;
  const res = new http.ServerResponse(req);
  const store = { dropSerial: 0 };
  response.keepOffTheEdge(res);
  if (o.shared !== undefined) response.cacheHeadersAtSend(req, res, { shared: o.shared, url: o.url ?? "/articles/harbour", store, settings: edge });
  for (const [k, v] of Object.entries(o.preset ?? {})) res.setHeader(k, v);
  if (o.setCookie) res.setHeader("Set-Cookie", "lede-meter=1");
  if (o.dropDuring) store.dropSerial++;
  res.writeHead(o.status ?? 200);
  return { cc: String(res.getHeader("cache-control") ?? ""), key: res.getHeader("surrogate-key"), tag: res.getHeader("cache-tag") };
}

describe("what an edge may keep", () => {
  it("keeps the anonymous render of an article and the front page, named by its keys", () => {
    const a = answer({ shared: true });
    expect(a.cc).toBe("public, max-age=0, must-revalidate, s-maxage=3600");
    expect(a.key).toBe("lede-all lede-articles lede-article-harbour");
    expect(answer({ shared: true, url: "/" }).tag).toBe("lede-all,lede-front");
    expect(answer({ shared: true, method: "HEAD" }).key).toBeDefined();
  });

  it("never keeps a private render: a member's, the meter's, an editor's", () => {
    const a = answer({ shared: false });
    expect(a.cc).toBe("private, no-store");
    expect(a.key).toBeUndefined();
    expect(a.tag).toBeUndefined();
  });

  it("never keeps an answer that sets a cookie, is not a 200, or was sent across a drop", () => {
    for (const o of [{ setCookie: true }, { status: 404 }, { status: 500 }, { status: 304 }, { dropDuring: true }]) {
      const a = answer({ shared: true, ...o });
      expect(a.cc, JSON.stringify(o)).toBe("public, max-age=0, must-revalidate");
      expect(a.key, JSON.stringify(o)).toBeUndefined();
    }
  });

  it("never keeps an RSC payload or a prefetch at the page's URL", () => {
    for (const h of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-router-segment-prefetch"]) {
      expect(answer({ shared: true, headers: { [h]: "1" } }).key, h).toBeUndefined();
    }
    expect(answer({ shared: true, method: "POST" }).key).toBeUndefined();
  });

  it("never keeps a page whose URL its keys cannot name", () => {
    expect(answer({ shared: true, url: "/articles/a%20b" }).key).toBeUndefined();
  });

  it("strips edge keys and shared lifetimes from every other answer, whoever set them", () => {
    const a = answer({ preset: { "Cache-Control": "s-maxage=31536000, stale-while-revalidate", "Surrogate-Key": "x", "Cache-Tag": "x", "Surrogate-Control": "max-age=9" } });
    expect(a.cc).toBe("no-cache");
    expect(a.key).toBeUndefined();
    expect(answer({ preset: { "Cache-Control": "public, max-age=31536000, immutable" } }).cc).toBe("public, max-age=31536000, immutable");
  });

  it("without a purger, lets no shared cache keep even the anonymous render", () => {
    const req = { method: "GET", headers: {} } as unknown as http.IncomingMessage;
    const res = new http.ServerResponse(req);
    response.keepOffTheEdge(res);
    response.cacheHeadersAtSend(req, res, { shared: true, url: "/", store: null, settings: null });
    res.writeHead(200);
    expect(res.getHeader("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(res.getHeader("surrogate-key")).toBe("lede-all lede-front");
  });
});
