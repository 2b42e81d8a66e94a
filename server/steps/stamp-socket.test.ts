import http from "node:http";
import { describe, expect, it } from "vitest";
import { echo, serveSteps, type Seen } from "../testing";
import { stampSocket } from "./stamp-socket";

async function seenBy(embeddedDemo: boolean, headers: Record<string, string>): Promise<Seen> {
  const app = await serveSteps([stampSocket({ embeddedDemo, siteUrl: "" }), echo()]);
  try {
    // node:http, not fetch: fetch would not send a Host header of ours.
    const text = await new Promise<string>((resolve, reject) => {
      http
        .get(app.url, { headers }, (res) => {
          let body = "";
          res.on("data", (c) => (body += c));
          res.on("end", () => resolve(body));
        })
        .on("error", reject);
    });
    return JSON.parse(text) as Seen;
  } finally {
    await app.close();
  }
}

describe("stamp what the socket says", () => {
  it("drops every x-lede-* header a client sends, in any case, and sets the client's address from the socket", async () => {
    const seen = await seenBy(false, { "X-Lede-Client-Ip": "6.6.6.6", "x-lede-local": "1", "x-lede-render": "member", "x-lede-anything": "x" });
    expect(Object.keys(seen.headers).filter((h) => h.startsWith("x-lede-"))).toEqual(["x-lede-client-ip"]);
    expect(seen.headers["x-lede-client-ip"]).toBe("127.0.0.1");
  });

  it("says a request is local only on the embedded demo, straight from this machine", async () => {
    expect((await seenBy(true, {}))["headers"]["x-lede-local"]).toBe("1");
    expect((await seenBy(false, {}))["headers"]["x-lede-local"]).toBeUndefined();
    expect((await seenBy(true, { "x-forwarded-for": "1.2.3.4" }))["headers"]["x-lede-local"]).toBeUndefined();
    expect((await seenBy(true, { host: "evil.example" }))["headers"]["x-lede-local"]).toBeUndefined();
  });
});
