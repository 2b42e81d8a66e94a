import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hasRenders, namesRender, renderRewrites, renderUrl, RENDER_HEADER } from "./routes";

describe("hasRenders", () => {
  it("is true for the front page and articles, whatever the query", () => {
    for (const url of ["/", "/?_rsc=x1", "/articles/night-ferry", "/articles/night-ferry/?_rsc=1", "/articles/a?x=/b"]) {
      expect(hasRenders(url), url).toBe(true);
    }
  });

  it("is false for every other URL", () => {
    for (const url of ["/signin", "/articles", "/articles/", "/articles/a/b", "/account?x=/articles/a", "/render~/anonymous/articles/a"]) {
      expect(hasRenders(url), url).toBe(false);
    }
  });
});

describe("renderRewrites", () => {
  const rules: { source: string; destination: string; has?: { key?: string; value?: string }[]; missing?: object[] }[] = renderRewrites();
  /** What Next would rewrite `source` to for a request whose render header says `value`. */
  const routeFor = (source: string, value: string) => {
    const rule = rules.find((r) => r.source === source && r.has && new RegExp(`^${r.has[0].value}$`).test(value));
    if (!rule) return null;
    const render = new RegExp(`^${rule.has![0].value}$`).exec(value)!.groups!.render;
    return rule.destination.replace(":render", render);
  };

  it("routes each render the front server chose to its folder", () => {
    expect(routeFor("/articles/:slug", "member")).toBe("/render~/member/articles/:slug");
    expect(routeFor("/articles/:slug", "metered-2")).toBe("/render~/metered-2/articles/:slug");
    expect(routeFor("/articles/:slug", "spent")).toBe("/render~/spent/articles/:slug");
    expect(routeFor("/", "anonymous")).toBe("/render~/anonymous/front");
    expect(rules.every((r) => r.has?.[0].key !== RENDER_HEADER || r.has[0].value?.includes("(?<render>"))).toBe(true);
  });

  it("routes nothing else: no metered front page, no other names, none for 'none'", () => {
    for (const v of ["none", "personal", "metered-", "metered-10", "spent2", "anonymous member", "../member"]) {
      expect(routeFor("/articles/:slug", v), v).toBeNull();
    }
    expect(routeFor("/", "metered-1")).toBeNull();
    expect(routeFor("/", "spent")).toBeNull();
  });

  it("sends readers without a session to the anonymous render where the front server is not in front", () => {
    const plain = rules.filter((r) => r.missing);
    expect(plain.map((r) => r.destination)).toEqual(["/render~/anonymous/front", "/render~/anonymous/articles/:slug"]);
    // A request that claims a render (a forged header) is no anonymous one either.
    for (const r of plain) expect(r.missing).toEqual(expect.arrayContaining([{ type: "header", key: RENDER_HEADER }]));
  });
});

describe("namesRender", () => {
  it("catches a render's folder however its name is spelled", () => {
    for (const url of [
      "/render~/member/articles/a",
      "/RENDER~/MEMBER/front",
      "/render%7E/member/articles/a",
      "/render%257e/member/articles/a",
      "/render~/anonymous/articles/a",
      "/x/..%2Frender~/member/articles/a",
      "//render~/member/front",
      "/x/../render~/member/front?y=1",
      "/render~",
    ]) {
      expect(namesRender(url), url).toBe(true);
    }
  });

  it("lets articles and queries that merely mention it through", () => {
    for (const url of ["/articles/rendering-the-harbour", "/signin?callbackUrl=%2Frender~%2Fmember", "/"]) {
      expect(namesRender(url), url).toBe(false);
    }
  });

  it("catches every percent-encoding of the folder name (property)", () => {
    const encodings = (c: string) => [c, `%${c.charCodeAt(0).toString(16)}`, `%${c.charCodeAt(0).toString(16).toUpperCase()}`, `%25${c.charCodeAt(0).toString(16)}`];
    fc.assert(
      fc.property(fc.array(fc.nat(3), { minLength: 7, maxLength: 7 }), fc.boolean(), (choice, upper) => {
        const name = [..."render~"].map((c, i) => encodings(upper ? c.toUpperCase() : c)[choice[i]]).join("");
        return namesRender(`/${name}/member/articles/a`);
      }),
    );
  });
});

describe("renderUrl", () => {
  it("serves the front page and articles from their render's path, query kept", () => {
    expect(renderUrl("/", "anonymous")).toBe("/render~/anonymous/front");
    expect(renderUrl("/?ref=x", "member")).toBe("/render~/member/front?ref=x");
    expect(renderUrl("/articles/night-ferry?ref=newsletter", "anonymous")).toBe("/render~/anonymous/articles/night-ferry?ref=newsletter");
  });

  it("leaves a trailing slash to Next's own redirect", () => {
    expect(renderUrl("/articles/night-ferry/", "anonymous")).toBeNull();
  });
});
