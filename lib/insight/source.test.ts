import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cleanHost, joinReferralOf, referralOf, SOURCES } from "./source";

const site = "news.example";
const of = (referer: string | null, url = "/articles/a") => referralOf({ url, referer, siteHost: site });

describe("a view's source", () => {
  it.each([
    ["https://www.google.com/", "search"],
    ["https://www.google.co.uk/", "search"],
    ["https://news.google.de/", "search"],
    ["https://www.bing.com/search?q=ferry", "search"],
    ["https://duckduckgo.com/", "search"],
    ["https://search.brave.com/search?q=x", "search"],
    ["https://yandex.ru/search/?text=x", "search"],
    ["https://www.ecosia.org/", "search"],
    ["https://t.co/AbCdEf", "social"],
    ["https://l.facebook.com/l.php?u=x", "social"],
    ["https://m.facebook.com/", "social"],
    ["https://www.linkedin.com/feed/", "social"],
    ["https://old.reddit.com/r/news", "social"],
    ["https://bsky.app/profile/x", "social"],
    ["https://news.ycombinator.com/item?id=1", "social"],
    ["https://news.example/", "site"],
    ["https://www.news.example/articles/b", "site"],
  ])("%s is %s", (referer, source) => {
    expect(of(referer)).toEqual({ source, host: "", issueId: 0 });
  });

  it("names the other site by its host, without www", () => {
    expect(of("https://www.Other-Paper.co.uk/opinion/1?x=y")).toEqual({ source: "other", host: "other-paper.co.uk", issueId: 0 });
    expect(of("http://blog.example.org:8080/")).toEqual({ source: "other", host: "blog.example.org", issueId: 0 });
  });

  it("is direct without a Referer, or with one that is not a web address", () => {
    for (const referer of [null, "", "not a url", "android-app://com.google.android.gm/", "file:///etc/passwd", "https://localhost/", "https://1.2.3.4/"]) {
      expect(of(referer)).toEqual({ source: "direct", host: "", issueId: 0 });
    }
  });

  it("takes the newsletter and its issue from ref, before the Referer", () => {
    expect(of("https://mail.google.com/", "/articles/a?ref=newsletter&issue=12")).toEqual({ source: "newsletter", host: "", issueId: 12 });
    expect(of(null, "/articles/a?issue=3&ref=Newsletter")).toEqual({ source: "newsletter", host: "", issueId: 3 });
    expect(of(null, "/articles/a?ref=newsletter&issue=-1")).toEqual({ source: "newsletter", host: "", issueId: 0 });
    expect(of(null, "/articles/a?ref=newsletter&issue=99999999999")).toEqual({ source: "newsletter", host: "", issueId: 0 });
    expect(of(null, "/articles/a?ref=twitter")).toEqual({ source: "social", host: "", issueId: 0 });
    expect(of(null, "/articles/a?ref=partner.example")).toEqual({ source: "other", host: "partner.example", issueId: 0 });
    expect(of("https://t.co/x", "/articles/a?ref=")).toEqual({ source: "social", host: "", issueId: 0 });
    expect(of(null, "/articles/a?ref=%3Cscript%3E")).toEqual({ source: "direct", host: "", issueId: 0 });
  });

  it("never throws and keeps only a class, a DNS host for other sites, and an issue number", () => {
    const anyUrl = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 100 }));
    const query = fc.oneof(fc.constant(""), fc.string({ maxLength: 80 }).map((s) => `?ref=${s}`), fc.string({ maxLength: 80 }).map((s) => `?${s}`));
    fc.assert(
      fc.property(fc.option(anyUrl), query, (referer, q) => {
        const r = of(referer, `/articles/a${q}`);
        expect(SOURCES).toContain(r.source);
        expect(Number.isInteger(r.issueId) && r.issueId >= 0).toBe(true);
        if (r.source === "other") expect(cleanHost(r.host)).toBe(r.host);
        else expect(r.host).toBe("");
        if (r.source !== "newsletter") expect(r.issueId).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it("cleans hosts to DNS names only", () => {
    expect(cleanHost("WWW.Example.COM.")).toBe("example.com");
    expect(cleanHost("a".repeat(300) + ".com")).toBeNull();
    expect(cleanHost("exa mple.com")).toBeNull();
    expect(cleanHost("localhost")).toBeNull();
    expect(cleanHost("ex_ample.com")).toBeNull();
  });
});

describe("a join's source", () => {
  it("is the page's ref when it has one, else where the reader came to the site from", () => {
    expect(joinReferralOf("https://news.example/articles/a?ref=newsletter&issue=4", "https://www.google.com/", site)).toEqual({ source: "newsletter", host: "", issueId: 4 });
    expect(joinReferralOf("https://news.example/articles/a", "https://www.google.com/", site)).toEqual({ source: "search", host: "", issueId: 0 });
    expect(joinReferralOf("https://news.example/articles/a", null, site)).toEqual({ source: "direct", host: "", issueId: 0 });
    expect(joinReferralOf("https://evil.example/articles/a?ref=newsletter&issue=4", null, site)).toEqual({ source: "direct", host: "", issueId: 0 });
    expect(joinReferralOf(null, "https://news.example/", site)).toEqual({ source: "site", host: "", issueId: 0 });
  });
});

describe("on a site served from localhost", () => {
  it("tells its own pages apart", () => {
    expect(referralOf({ url: "/articles/a", referer: "http://localhost:3100/", siteHost: "localhost" }).source).toBe("site");
    expect(referralOf({ url: "/articles/a", referer: "http://127.0.0.1:3100/", siteHost: "localhost" }).source).toBe("direct");
  });
});
