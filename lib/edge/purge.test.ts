// The purgers against a stand-in of each API's documented request, and Varnish's by its VCL's
// contract (a PURGE with xkey-purge). Keys come from the render tags a change drops.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEdgeApis } from "@/test/edge-apis";
import { renderTags } from "@/lib/cache/tags";
import * as edgeKeys from "./keys";
import edge from "./settings";
import { edgeSettings, purgeEdge, purgeRequests } from "./purge";

const fastly = { serviceId: "SU1Z0isxPaozGVKXdv0eY", token: "fastly-token-0123456789" };
const cloudflare = { zoneId: "023e105f4ecef8ad9ca31a8372d0c353", token: "cf-token-0123456789" };

describe("edge keys", () => {
  it("names a premium switch's pages: the article, the front page and every article's See also", () => {
    const keys = edgeKeys.purgeKeys(renderTags({ slugs: ["lost-river"], lists: true }));
    expect(keys.sort()).toEqual(["lede-article-lost-river", "lede-articles", "lede-front"]);
    // Each page's own keys meet the purge.
    for (const url of ["/", "/articles/lost-river", "/articles/other?x=1"]) {
      expect(edgeKeys.pageKeys(url)!.some((k: string) => keys.includes(k))).toBe(true);
    }
  });
  it("purges everything for a site setting, and nothing for members' renders alone", () => {
    expect(edgeKeys.purgeKeys(renderTags({ slugs: [], lists: false, everything: true }))).toEqual(["lede-all"]);
    expect(edgeKeys.keyOfTag("_N_T_/render~/member/articles/x")).toBeNull();
    expect(edgeKeys.keyOfTag("_N_T_/render~/metered-3/articles/x")).toBeNull();
  });
  it("gives no keys (so no sharing) to a page whose slug cannot be named safely", () => {
    expect(edgeKeys.pageKeys("/articles/a%20b")).toBeNull();
    expect(edgeKeys.pageKeys("/articles/%E0%A4%A")).toBeNull();
    expect(edgeKeys.pageKeys("/desk")).toBeNull();
  });
});

describe("edge settings", () => {
  it("is off unless a purger is named, and names a missing variable", () => {
    expect(edge.edgeSettings({})).toBeNull();
    expect(() => edge.edgeSettings({ LEDE_EDGE_PURGE: "akamai" })).toThrow(/LEDE_EDGE_PURGE/);
    expect(() => edge.edgeSettings({ LEDE_EDGE_PURGE: "fastly", FASTLY_SERVICE_ID: "x" })).toThrow(/FASTLY_API_TOKEN/);
    expect(() => edge.edgeSettings({ LEDE_EDGE_PURGE: "varnish", LEDE_VARNISH_PURGE_URL: "http://127.0.0.1:1/", LEDE_EDGE_TTL: "0" })).toThrow(/LEDE_EDGE_TTL/);
  });
  it("lets a shared cache keep a page only when a purger will tell it of changes", () => {
    expect(edge.shareableHeaders(["lede-all"], null)["Cache-Control"]).toBe("public, max-age=0, must-revalidate");
    const on = edge.shareableHeaders(["lede-all", "lede-front"], edge.edgeSettings({ LEDE_EDGE_PURGE: "varnish", LEDE_VARNISH_PURGE_URL: "http://127.0.0.1:1/" }));
    expect(on["Cache-Control"]).toMatch(/s-maxage=3600/);
    expect(on["Surrogate-Key"]).toBe("lede-all lede-front");
    expect(on["Cache-Tag"]).toBe("lede-all,lede-front");
  });
});

describe("purgers", () => {
  let apis: Awaited<ReturnType<typeof startEdgeApis>>;
  let varnish: http.Server;
  const varnishPurges: { method?: string; key?: string }[] = [];
  let varnishUrl = "";
  beforeAll(async () => {
    apis = await startEdgeApis({ fastly, cloudflare });
    varnish = http.createServer((req, res) => {
      varnishPurges.push({ method: req.method, key: req.headers["xkey-purge"] as string | undefined });
      res.end();
    });
    await new Promise<void>((r) => varnish.listen(0, "127.0.0.1", r));
    varnishUrl = `http://127.0.0.1:${(varnish.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await apis.close();
    await new Promise((r) => varnish.close(r));
  });

  it("Fastly: one batch purge per 256 keys, with Fastly-Key", async () => {
    const settings = edgeSettings({ LEDE_EDGE_PURGE: "fastly", FASTLY_SERVICE_ID: fastly.serviceId, FASTLY_API_TOKEN: fastly.token, FASTLY_API_URL: apis.origin })!;
    const keys = Array.from({ length: 300 }, (_, i) => `lede-article-a${i}`);
    expect(await purgeEdge(keys, settings)).toBe(true);
    const got = apis.purges.filter((p) => p.api === "fastly");
    expect(got.map((p) => p.keys.length)).toEqual([256, 44]);
    expect(got.flatMap((p) => p.keys).sort()).toEqual([...keys].sort());
  });

  it("Cloudflare: purge_cache with tags, 30 a call, Bearer token", async () => {
    const settings = edgeSettings({ LEDE_EDGE_PURGE: "cloudflare", CLOUDFLARE_ZONE_ID: cloudflare.zoneId, CLOUDFLARE_API_TOKEN: cloudflare.token, CLOUDFLARE_API_URL: apis.origin })!;
    expect(await purgeEdge(["lede-front", "lede-articles", "lede-article-x"], settings)).toBe(true);
    expect(apis.purges.at(-1)).toEqual({ api: "cloudflare", keys: ["lede-front", "lede-articles", "lede-article-x"] });
    expect(purgeRequests(settings, Array.from({ length: 61 }, (_, i) => `k${i}`))).toHaveLength(3);
  });

  it("says so (and does not throw) when the API refuses: a wrong token", async () => {
    const before = apis.refusals.length;
    const settings = edgeSettings({ LEDE_EDGE_PURGE: "cloudflare", CLOUDFLARE_ZONE_ID: cloudflare.zoneId, CLOUDFLARE_API_TOKEN: "wrong", CLOUDFLARE_API_URL: apis.origin })!;
    expect(await purgeEdge(["lede-front"], settings)).toBe(false);
    expect(apis.refusals.length).toBeGreaterThan(before);
  });

  it("Varnish: a PURGE with the keys in xkey-purge, to every Varnish named", async () => {
    const settings = edgeSettings({ LEDE_EDGE_PURGE: "varnish", LEDE_VARNISH_PURGE_URL: `${varnishUrl},${varnishUrl}` })!;
    expect(await purgeEdge(["lede-front", "lede-all"], settings)).toBe(true);
    expect(varnishPurges).toEqual([
      { method: "PURGE", key: "lede-front lede-all" },
      { method: "PURGE", key: "lede-front lede-all" },
    ]);
  });
});
