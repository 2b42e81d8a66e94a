import { describe, expect, it } from "vitest";
import { feedResponse } from "./feed-response";

const feed = { body: "<rss/>", etag: '"abc"' };
const ask = (headers: Record<string, string> = {}) => feedResponse(new Request("http://x/feed.xml", { headers }), feed, "application/rss+xml");

describe("feedResponse", () => {
  it("lets a shared cache keep the feed only if it asks again each time", async () => {
    const r = ask();
    expect(r.status).toBe(200);
    expect(r.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
    expect(r.headers.get("etag")).toBe('"abc"');
    expect(await r.text()).toBe("<rss/>");
  });

  it("answers 304 to a validator that names this feed, weak or in a list, and the feed to any other", async () => {
    for (const v of ['"abc"', 'W/"abc"', '"x", "abc"']) expect(ask({ "if-none-match": v }).status, v).toBe(304);
    for (const v of ['"abd"', "*x", ""]) expect(ask({ "if-none-match": v }).status, v).toBe(200);
  });
});
