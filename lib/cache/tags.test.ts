import { describe, expect, it } from "vitest";
import { articleChange, EVERYTHING_TAG, FEEDS_TAG, renderTags } from "./tags";

describe("renderTags", () => {
  it("drops the feed and the sitemap with every change to a published article, and with nothing else", () => {
    expect(renderTags({ slugs: ["a"], lists: false })).toContain(FEEDS_TAG); // an edit of its text
    expect(renderTags({ slugs: ["a", "b"], lists: true })).toContain(FEEDS_TAG); // a new slug, a card
    expect(renderTags(articleChange({ slug: "a", status: "published" }, { slug: "a", status: "draft" }, false))).toContain(FEEDS_TAG);
    expect(renderTags(articleChange({ slug: "a", status: "draft" }, { slug: "a", status: "draft" }, true))).toEqual([]);
    expect(renderTags({ slugs: [], lists: false, everything: true })).toEqual([EVERYTHING_TAG]); // the meter's settings
  });
});
