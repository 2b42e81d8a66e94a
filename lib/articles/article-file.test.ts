import { describe, expect, it } from "vitest";
import { parseArticleFile } from "./article-file";

const good = `---
title: "A headline"
slug: a-headline
dek: "A dek"
author: "A. Writer"
publishedAt: 2026-11-20T08:30:00Z
premium: true
image: /images/x.svg
imageCaption: "Caption"
---
Body.

<!-- gate -->

Premium body.
`;

/** `source` with its body replaced. */
const withBody = (source: string, body: string) => source.slice(0, source.lastIndexOf("---\n") + 4) + body;

describe("parseArticleFile", () => {
  it("reads every field", () => {
    const r = parseArticleFile(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article).toMatchObject({ title: "A headline", slug: "a-headline", premium: true, status: "published" });
    expect(r.article.publishedAt.toISOString()).toBe("2026-11-20T08:30:00.000Z");
    expect(r.article.body.trim()).toBe("Body.\n\n<!-- gate -->\n\nPremium body.");
  });

  it.each([
    ["slug", good.replace("slug: a-headline", "slug: Not A Slug")],
    ["premium", good.replace("premium: true", 'premium: "maybe"')],
    ["publishedAt", good.replace("publishedAt: 2026-11-20T08:30:00Z", "publishedAt: someday")],
    ["title", good.replace('title: "A headline"\n', "")],
    ["image", good.replace("image: /images/x.svg", "image: javascript:alert(1)")],
    ["status", good.replace("premium: true", "premium: true\nstatus: live")],
    ["metered", good.replace("premium: true", 'premium: true\nmetered: "members only"')],
    ["metered", good.replace("premium: true", "premium: true\nmetered: yes please")],
  ])("names the bad field %s", (field, source) => {
    const r = parseArticleFile(source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toContain(field);
  });

  it.each([
    ["of one paragraph", "Just one paragraph, all of it free."],
    ["with nothing below its marker", "Free.\n\nAlso free.\n\n<!-- gate -->\n"],
    ["with nothing above its marker", "<!-- gate -->\n\nPremium.\n\nMore premium."],
    ["whose only marker is in a code block", "```\n<!-- gate -->\n```"],
  ])("refuses a premium article %s, naming the gate marker", (_, body) => {
    const r = parseArticleFile(withBody(good, body));
    expect(r).toEqual({ ok: false, errors: { body: expect.stringContaining("<!-- gate -->") } });
  });

  it("names an unsplittable body along with the other bad fields", () => {
    const r = parseArticleFile(withBody(good.replace("slug: a-headline", "slug: Bad Slug"), "One."));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(["body", "slug"]);
  });

  it("takes one paragraph in a free article, or in a premium draft", () => {
    const one = withBody(good, "One.");
    expect(parseArticleFile(one.replace("premium: true", "premium: false")).ok).toBe(true);
    expect(parseArticleFile(one.replace("premium: true", "premium: true\nstatus: draft")).ok).toBe(true);
  });

  it("reads metered: a premium article is metered unless its file says members only (metered: false)", () => {
    const read = (source: string) => {
      const r = parseArticleFile(source);
      if (!r.ok) throw new Error(JSON.stringify(r.errors));
      return r.article.metered;
    };
    expect(read(good)).toBe(true);
    expect(read(good.replace("premium: true", "premium: true\nmetered: false"))).toBe(false);
    expect(read(good.replace("premium: true", "premium: true\nmetered: true"))).toBe(true);
  });

  it("reports a file without front matter", () => {
    const r = parseArticleFile("Just text.");
    expect(r.ok).toBe(false);
  });
});
