// Property tests: an article's image "path under public/" is judged as a browser reads it,
// on the normalised URL, so no spelling of another host passes for a path on this site.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { articleInputSchema, sitePath } from "./article-input";

const SITES = ["https://news.example", "http://localhost:3000", "https://a.b.example:8443"];

const tricky = fc.tuple(
  fc.constantFrom("/", "//", "/\\", "\\/", "/\t/", "/\n/", "/ /", "/%2F", "/%5C", "/./", "/../", "/.%2e/", "///", "/\\\\", "/\u0000/", "/@", "/:@"),
  fc.oneof(fc.domain(), fc.constantFrom("evil.example", "127.0.0.1", "[::1]", "user:pw@evil.example")),
  fc.constantFrom("/x.png", "", "/a/../b.png", "?x=1", "#f"),
).map(([a, b, c]) => `${a}${b}${c}`);

describe("sitePath", () => {
  it("refuses every spelling of another host", () => {
    for (const v of ["/\\host/x.png", "//host/x.png", "/\\/host/x.png", "/\t/host/x.png", "\\\\host/x.png", "/\\\\host", "/ /host", "/\u0000/host"]) {
      expect(sitePath(v), JSON.stringify(v)).toBeNull();
    }
  });

  it("gives only paths that stay on the site from any origin, normalised", () => {
    fc.assert(
      fc.property(fc.oneof(tricky, fc.webPath(), fc.string(), fc.string().map((s) => `/${s}`)), (value) => {
        const path = sitePath(value);
        if (path === null) return;
        expect(path.startsWith("/") && !path.startsWith("//")).toBe(true);
        expect(path).not.toMatch(/[\\\u0000-\u0020]/);
        for (const site of SITES) {
          const origin = new URL(site).origin;
          expect(new URL(path, site).origin, `${value} → ${path} on ${site}`).toBe(origin);
          expect(new URL(value, site).origin, `${value} on ${site}`).toBe(origin);
        }
        expect(sitePath(path)).toBe(path);
      }),
      { numRuns: 2000 },
    );
  });

  it("keeps ordinary paths, normalised", () => {
    expect(sitePath("/images/x.svg")).toBe("/images/x.svg");
    expect(sitePath("/images/../x.png")).toBe("/x.png");
    expect(sitePath("/images/%2e%2e/x.png")).toBe("/x.png");
  });
});

describe("an article's image", () => {
  const base = { title: "T", slug: "t", publishedAt: "2026-11-20T08:30:00Z", premium: false, body: "x" };
  it("refuses /\\host/x.png with the field's message, and keeps URLs and paths", () => {
    const bad = articleInputSchema.safeParse({ ...base, image: "/\\host/x.png" });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]).toMatchObject({ path: ["image"], message: "must be an absolute http(s) URL or a path under public/ starting with /" });
    expect(articleInputSchema.parse({ ...base, image: "/a/../b.png" }).image).toBe("/b.png");
    expect(articleInputSchema.parse({ ...base, image: "https://cdn.example/x.png" }).image).toBe("https://cdn.example/x.png");
    for (const v of ["javascript:alert(1)", "https://user:pw@cdn.example/x.png", "data:image/png;base64,AA"]) expect(articleInputSchema.safeParse({ ...base, image: v }).success).toBe(false);
  });
});
