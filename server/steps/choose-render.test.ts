import { describe, expect, it } from "vitest";
import type { AppSide, MeterAnswer, MeterQuestion, SessionRender, ViewCount, WallAnswer } from "../contract";
import { echo, serveSteps, type Seen } from "../testing";
import { chooseRenderStep, type EdgeOptions } from "./choose-render";

function fakeApp(session: SessionRender | Error, meter: MeterAnswer | Error | Promise<MeterAnswer>, wall: WallAnswer | Error | Promise<WallAnswer> = null) {
  const asked: MeterQuestion[] = [];
  const views: ViewCount[] = [];
  const app: AppSide = {
    renderForSession: async () => {
      if (session instanceof Error) throw session;
      return session;
    },
    meterChoice: (q) => {
      asked.push(q);
      if (meter instanceof Error) throw meter;
      return meter;
    },
    wallChoice: () => {
      if (wall instanceof Error) throw wall;
      return wall;
    },
    countView: (v) => void views.push(v),
    flushCounts: async () => {},
    dropEverywhere: async () => {},
  };
  return { app, views, asked };
}

async function request(app: AppSide | undefined, path: string, headers: Record<string, string> = {}) {
  const server = await serveSteps([chooseRenderStep({ app: () => app, secureCookies: false }), echo()]);
  try {
    const r = await fetch(`${server.url}${path}`, { headers });
    return { seen: (await r.json()) as Seen, headers: r.headers };
  } finally {
    await server.close();
  }
}

describe("choose the render", () => {
  it("serves an anonymous reader the meter's render at its own path, counts the view, sets the meter's cookie", async () => {
    const { app, views } = fakeApp({ render: "personal" }, Promise.resolve({ render: "metered-1", setCookie: "lede-meter=x", freeRead: "free" }));
    const { seen, headers } = await request(app, "/articles/a?ref=b", { "user-agent": "UA", referer: "https://r.example/" });
    expect(seen.url).toBe("/render~/metered-1/articles/a?ref=b");
    expect(seen.headers["x-lede-render"]).toBe("metered-1");
    expect(headers.get("set-cookie")).toBe("lede-meter=x");
    expect(headers.get("cache-control")).toBe("private, no-store");
    expect(headers.get("vary")).toContain("Cookie");
    expect(views).toEqual([{ slug: "a", render: "metered-1", freeRead: "free", url: "/articles/a?ref=b", referer: "https://r.example/", userAgent: "UA" }]);
  });

  it("says the render in its header but keeps the public URL for an RSC request, and counts no prefetch", async () => {
    const { app, views } = fakeApp({ render: "member", email: "m@example.com" }, { render: "anonymous" });
    const { seen } = await request(app, "/articles/a", { rsc: "1", "next-router-prefetch": "1", cookie: "authjs.session-token=t" });
    expect(seen.url).toBe("/articles/a");
    expect(seen.headers["x-lede-render"]).toBe("member");
    expect(views).toEqual([]);
  });

  it("serves the gate, privately, when the session lookup fails", async () => {
    const { app } = fakeApp(new Error("database down"), { render: "anonymous" });
    const { seen, headers } = await request(app, "/", { cookie: "authjs.session-token=t" });
    expect(seen.url).toBe("/render~/anonymous/front");
    expect(headers.get("cache-control")).toBe("private, no-store");
  });

  it("serves the gate when the meter throws", async () => {
    const { app } = fakeApp({ render: "personal" }, new Error("stalled"));
    const { seen, headers } = await request(app, "/articles/a");
    expect(seen.url).toBe("/render~/anonymous/articles/a");
    expect(headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
  });

  it("sends a request naming a render's folder to the 404 page, and leaves other pages alone", async () => {
    const { app } = fakeApp({ render: "member" }, { render: "anonymous" });
    expect((await request(app, "/render%7E/member/front")).seen.url).toBe("/_lede/not-found");
    const other = await request(app, "/signin?x=1");
    expect(other.seen.url).toBe("/signin?x=1");
    expect(other.seen.headers["x-lede-render"]).toBe("none");
  });

  it("before the app has started: the anonymous render for readers, the per-request pages for anyone with a session", async () => {
    expect((await request(undefined, "/articles/a")).seen.url).toBe("/render~/anonymous/articles/a");
    const signedIn = await request(undefined, "/articles/a", { cookie: "authjs.session-token=t" });
    expect(signedIn.seen.url).toBe("/articles/a");
    expect(signedIn.seen.headers["x-lede-render"]).toBe("none");
  });

  it("serves a reader in a wall experiment the variant's gate, with its cookie and the variant's free reads asked of the meter", async () => {
    const { app, views, asked } = fakeApp({ render: "personal" }, { render: "anonymous" }, Promise.resolve({ experimentId: 3, variant: 2, allowance: 4, setCookie: "lede-wall=3.2" }));
    const { seen, headers } = await request(app, "/articles/a");
    expect(seen.url).toBe("/render~/gate-2/articles/a");
    expect(headers.get("set-cookie")).toBe("lede-wall=3.2");
    expect(headers.get("cache-control")).toBe("private, no-store");
    expect(asked[0].allowance).toBe(4);
    expect(views[0].variant).toEqual({ experimentId: 3, variant: 2 });
  });

  it("serves the usual gate when the wall experiment throws", async () => {
    const { app } = fakeApp({ render: "personal" }, { render: "anonymous" }, new Error("stalled"));
    const { seen, headers } = await request(app, "/articles/a");
    expect(seen.url).toBe("/render~/anonymous/articles/a");
    expect(headers.get("cache-control")).toBe("public, max-age=0, must-revalidate");
  });

  it("gives the anonymous render its edge keys when a purger is set, and nothing else", async () => {
    const { app } = fakeApp({ render: "member" }, { render: "anonymous" });
    const settings = { purger: "varnish", ttl: 60, urls: ["http://127.0.0.1:1/"] } as EdgeOptions["settings"];
    const server = await serveSteps([chooseRenderStep({ app: () => app, secureCookies: false, edge: { settings, store: { dropSerial: 0 } } }), echo()]);
    try {
      const anonymous = await fetch(`${server.url}/articles/a`);
      expect(anonymous.headers.get("cache-control")).toBe("public, max-age=0, must-revalidate, s-maxage=60");
      expect(anonymous.headers.get("surrogate-key")).toContain("lede-article-a");
      const member = await fetch(`${server.url}/articles/a`, { headers: { cookie: "authjs.session-token=t" } });
      expect(member.headers.get("cache-control")).toBe("private, no-store");
      expect(member.headers.get("surrogate-key")).toBeNull();
    } finally {
      await server.close();
    }
  });
});
