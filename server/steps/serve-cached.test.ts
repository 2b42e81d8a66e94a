import http from "node:http";
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chooseEncoding, renderCacheKey } from "@/lib/cache/answer";
import { createStore, type RenderStore } from "@/lib/cache/store";
import { echo, serveSteps } from "../testing";
import type { Step } from "../pipeline";
import { serveCached } from "./serve-cached";

const HTML = `<!DOCTYPE html><html><body>${"<p>The lede, and the gate.</p>".repeat(100)}</body></html>`;
const page = (extra: Record<string, unknown> = {}) => ({ kind: "APP_PAGE", html: HTML, headers: { "x-nextjs-stale-time": "300", "x-next-cache-tags": "_N_T_/layout" }, status: 200, ...extra });
const PATH = "/render~/anonymous/articles/a";
const KEY = renderCacheKey(PATH)!;

/** As choose-render does for a plain request: the render's path, the render named in its header. */
const chosen = (render = "anonymous", url = PATH): Step => ({
  name: "chosen",
  run({ req }, next) {
    req.headers["x-lede-render"] = render;
    req.url = url;
    return next();
  },
});

type Raw = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
async function ask(store: RenderStore, headers: Record<string, string> = {}, { method = "GET", steps = [chosen()] }: { method?: string; steps?: Step[] } = {}): Promise<Raw> {
  const server = await serveSteps([...steps, serveCached({ store: () => store }), echo((_req, res) => { res.writeHead(200, { "x-from": "next" }); res.end("next"); })]);
  try {
    return await new Promise<Raw>((resolve, reject) => {
      const req = http.request(`${server.url}/articles/a`, { method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  } finally {
    await server.close();
  }
}

function storeWith(value: unknown, revalidateSeconds?: number) {
  const store = createStore();
  store.set(KEY, value, ["_N_T_/render~/anonymous/articles/a"], revalidateSeconds);
  return store;
}

describe("serve a cached render", () => {
  it("answers a fresh render itself, with Next's headers for it, its own and no cache tags", async () => {
    const r = await ask(storeWith(page()));
    expect(r.headers["x-from"]).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.body.toString()).toBe(HTML);
    expect(r.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(r.headers["content-length"]).toBe(String(Buffer.byteLength(HTML)));
    expect(r.headers["x-nextjs-cache"]).toBe("HIT");
    expect(r.headers["x-nextjs-stale-time"]).toBe("300");
    expect(r.headers["x-next-cache-tags"]).toBeUndefined();
    expect(r.headers.vary).toContain("rsc");
    expect(r.headers.etag).toMatch(/^"[0-9a-z]+"$/);
    expect(r.headers["cache-control"]).toBe("private, no-store"); // none set by a plan here
  });

  it("gzips for a reader who takes it, and says 304 to one whose copy is current", async () => {
    const store = storeWith(page());
    const zipped = await ask(store, { "accept-encoding": "gzip, deflate, br" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(zipped.body).toString()).toBe(HTML);
    expect(Number(zipped.headers["content-length"])).toBe(zipped.body.length);
    const again = await ask(store, { "if-none-match": `W/${zipped.headers.etag}` });
    expect(again.status).toBe(304);
    expect(again.body.length).toBe(0);
    expect((await ask(store, { "if-none-match": '"other"' })).status).toBe(200);
    expect((await ask(store, { "if-none-match": String(zipped.headers.etag), "cache-control": "no-cache" })).status).toBe(200);
  });

  it("answers HEAD with the page's length and no body", async () => {
    const r = await ask(storeWith(page()), { "accept-encoding": "gzip" }, { method: "HEAD" });
    expect(r.status).toBe(200);
    expect(r.headers["content-length"]).toBe(String(Buffer.byteLength(HTML)));
    expect(r.headers["content-encoding"]).toBeUndefined();
    expect(r.body.length).toBe(0);
  });

  it("leaves to Next a miss, a stale or dropped render, and anything but a whole page of HTML", async () => {
    const fromNext = async (store: RenderStore, headers: Record<string, string> = {}, steps?: Step[]) =>
      (await ask(store, headers, steps ? { steps } : {})).headers["x-from"];
    expect(await fromNext(createStore())).toBe("next");
    expect(await fromNext(storeWith(page(), 0))).toBe("next"); // stale: Next revalidates
    const dropped = storeWith(page());
    dropped.dropLocally(["_N_T_/render~/anonymous/articles/a"]);
    expect(await fromNext(dropped)).toBe("next");
    expect(await fromNext(storeWith(page({ status: 404 })))).toBe("next");
    expect(await fromNext(storeWith(page({ postponed: "shell" })))).toBe("next");
    expect(await fromNext(storeWith({ kind: "APP_ROUTE", body: Buffer.from("x") }))).toBe("next");
    expect(await fromNext(storeWith(page()), { "accept-encoding": "gzip;q=0, identity;q=0" })).toBe("next");
  });

  it("serves only what choose-render pointed at: a plain load, its render's own path, no query, no escapes", async () => {
    const store = storeWith(page());
    const fromNext = async (headers: Record<string, string>, steps: Step[] = [chosen()]) => (await ask(store, headers, { steps })).headers["x-from"];
    expect(await fromNext({})).toBeUndefined();
    expect(await fromNext({ rsc: "1" })).toBe("next");
    expect(await fromNext({ "next-router-prefetch": "1" })).toBe("next");
    expect(await fromNext({}, [chosen("member")])).toBe("next"); // the header names another render
    expect(await fromNext({}, [chosen("anonymous", `${PATH}?_rsc=1`)])).toBe("next");
    expect(await fromNext({}, [chosen("anonymous", "/render~/anonymous/articles/%61")])).toBe("next");
    expect(await fromNext({}, [{ name: "unchosen", run: (_ctx, next) => next() }])).toBe("next");
  });
});

describe("a render's cache key", () => {
  it("is the one Next asks its cache handler for (as read off a built app), and none for other paths", () => {
    expect(renderCacheKey("/render~/anonymous/articles/harbour-night-ferry-trial")).toBe(
      "/route-cache/APP_PAGE/dd322e0cfe48821d306abb92b3c81f6f6adc078e3c03441a2fdb7b63ea871540/$/render~/anonymous/articles/harbour-night-ferry-trial",
    );
    expect(renderCacheKey("/render~/member/front")).toMatch(/^\/route-cache\/APP_PAGE\/[0-9a-f]{64}\/\$\/render~\/member\/front$/);
    expect(renderCacheKey("/articles/a")).toBeNull();
    expect(renderCacheKey("/render~/anonymous/articles/a/b")).toBeNull();
  });
});

describe("the encoding a reader gets", () => {
  it("is never one the reader's Accept-Encoding refuses", () => {
    const coding = fc.constantFrom("gzip", "deflate", "br", "identity", "*", "zstd", "GZIP", "");
    const q = fc.option(fc.constantFrom("0", "0.0", "0.5", "1", "1.0", "abc", "-1"), { nil: undefined });
    fc.assert(
      fc.property(fc.array(fc.tuple(coding, q), { maxLength: 5 }), (parts) => {
        const header = parts.map(([c, v]) => (v === undefined ? c : `${c};q=${v}`)).join(", ");
        const chosen = chooseEncoding(header);
        const refused = (name: string) =>
          parts.some(([c, v]) => c.toLowerCase() === name && v !== undefined && !(Number(v) > 0)) &&
          !parts.some(([c, v]) => c.toLowerCase() === name && (v === undefined || Number(v) > 0));
        if (chosen === "gzip") expect(refused("gzip")).toBe(false);
        if (chosen === "identity") expect(refused("identity")).toBe(false);
      }),
    );
    expect(chooseEncoding(undefined)).toBe("identity");
    expect(chooseEncoding("gzip, deflate, br, zstd")).toBe("gzip");
    expect(chooseEncoding("br")).toBe("identity");
    expect(chooseEncoding("gzip;q=0")).toBe("identity");
    expect(chooseEncoding("*;q=0")).toBeNull();
  });
});
