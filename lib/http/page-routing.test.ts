import { describe, expect, it } from "vitest";
import routing from "./page-routing";

const { sessionCookie, variantUrls, namesMemberRoute, whoCookieUpdate } = routing;

describe("variantUrls", () => {
  it("maps the front page and articles to their cached renders, keeping the query", () => {
    expect(variantUrls("/")).toEqual({ anonymous: "/anon/front", member: "/member~variant/front" });
    expect(variantUrls("/?_rsc=x1")).toEqual({ anonymous: "/anon/front?_rsc=x1", member: "/member~variant/front?_rsc=x1" });
    expect(variantUrls("/articles/night-ferry")).toEqual({
      anonymous: "/anon/articles/night-ferry",
      member: "/member~variant/articles/night-ferry",
    });
    expect(variantUrls("/articles/night-ferry/?_rsc=1")?.anonymous).toBe("/anon/articles/night-ferry?_rsc=1");
  });

  it("leaves every other URL alone", () => {
    for (const url of ["/signin", "/articles", "/articles/", "/articles/a/b", "/account?x=/articles/a", "/anon/articles/a"]) {
      expect(variantUrls(url), url).toBeNull();
    }
  });
});

describe("namesMemberRoute", () => {
  it("catches the members' render however its name is spelled", () => {
    for (const url of [
      "/member~variant/articles/a",
      "/MEMBER~VARIANT/front",
      "/member%7Evariant/articles/a",
      "/member%257evariant/articles/a",
      "/anon/..%2Fmember~variant/articles/a",
      "//member~variant/front",
      "/x/../member~variant/front?y=1",
    ]) {
      expect(namesMemberRoute(url), url).toBe(true);
    }
  });

  it("lets articles, the anonymous render and queries that merely mention it through", () => {
    for (const url of ["/articles/new-member-benefits", "/anon/articles/a", "/signin?callbackUrl=%2Fmember~variant", "/"]) {
      expect(namesMemberRoute(url), url).toBe(false);
    }
  });
});

describe("sessionCookie", () => {
  it("finds either session cookie name and ignores empty ones and look-alikes", () => {
    expect(sessionCookie("a=1; authjs.session-token=abc")).toBe("abc");
    expect(sessionCookie("__Secure-authjs.session-token=xyz; b=2")).toBe("xyz");
    expect(sessionCookie("authjs.session-token=; b=2")).toBeNull();
    expect(sessionCookie("notauthjs.session-token=abc")).toBeNull();
    expect(sessionCookie(undefined)).toBeNull();
  });
});

describe("whoCookieUpdate", () => {
  it("sets the address when it is missing or different, and says nothing when it is current", () => {
    expect(whoCookieUpdate("", "a@example.com", false)).toBe("lede-who=a%40example.com; Path=/; SameSite=Lax");
    expect(whoCookieUpdate("lede-who=b%40example.com", "a@example.com", true)).toBe(
      "lede-who=a%40example.com; Path=/; SameSite=Lax; Secure",
    );
    expect(whoCookieUpdate("x=1; lede-who=a%40example.com", "a@example.com", false)).toBeNull();
  });

  it("clears a leftover address when there is no member's session", () => {
    expect(whoCookieUpdate("lede-who=a%40example.com", null, false)).toBe("lede-who=; Max-Age=0; Path=/; SameSite=Lax");
    expect(whoCookieUpdate("x=1", null, false)).toBeNull();
  });
});

describe("publicLocation", () => {
  const { publicLocation } = routing;
  it("maps a redirect to the internal render back to the public URL", () => {
    expect(publicLocation("/member~variant/articles/a?_rsc", "/member~variant/articles/a", "/articles/a")).toBe("/articles/a?_rsc");
    expect(publicLocation("/anon/front?_rsc=1x", "/anon/front?x=1", "/?x=1")).toBe("/?_rsc=1x");
    expect(publicLocation("/anon/articles/a", "/anon/articles/a", "/articles/a/")).toBe("/articles/a");
  });

  it("leaves other redirects alone", () => {
    expect(publicLocation("/signin?callbackUrl=%2F", "/anon/articles/a", "/articles/a")).toBe("/signin?callbackUrl=%2F");
    expect(publicLocation("/anon/articles/ab", "/anon/articles/a", "/articles/a")).toBe("/anon/articles/ab");
  });
});
