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
`;

describe("parseArticleFile", () => {
  it("reads every field", () => {
    const r = parseArticleFile(good);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article).toMatchObject({ title: "A headline", slug: "a-headline", premium: true, status: "published" });
    expect(r.article.publishedAt.toISOString()).toBe("2026-11-20T08:30:00.000Z");
    expect(r.article.body.trim()).toBe("Body.");
  });

  it.each([
    ["slug", good.replace("slug: a-headline", "slug: Not A Slug")],
    ["premium", good.replace("premium: true", 'premium: "maybe"')],
    ["publishedAt", good.replace("publishedAt: 2026-11-20T08:30:00Z", "publishedAt: someday")],
    ["title", good.replace('title: "A headline"\n', "")],
    ["image", good.replace("image: /images/x.svg", "image: javascript:alert(1)")],
    ["status", good.replace("premium: true", "premium: true\nstatus: live")],
  ])("names the bad field %s", (field, source) => {
    const r = parseArticleFile(source);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors)).toContain(field);
  });

  it("reports a file without front matter", () => {
    const r = parseArticleFile("Just text.");
    expect(r.ok).toBe(false);
  });
});
