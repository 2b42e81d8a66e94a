import { describe, expect, it } from "vitest";
import { ARTICLE_PAGES, FRONT_PAGE, pathsAfterChange } from "./invalidate";

const pub = (slug: string) => ({ slug, status: "published" as const });
const draft = (slug: string) => ({ slug, status: "draft" as const });

describe("which cached anonymous pages a change expires", () => {
  it("none while an article stays a draft", () => {
    expect(pathsAfterChange(draft("a"), draft("b"), true)).toEqual([]);
    expect(pathsAfterChange(null, draft("a"), true)).toEqual([]);
  });

  it("the article and the front page for a body edit", () => {
    expect(pathsAfterChange(pub("a"), pub("a"), false)).toEqual([FRONT_PAGE, "/anon/articles/a"]);
  });

  it("the old and the new address when the slug changes, and every article page", () => {
    expect(pathsAfterChange(pub("old"), pub("new"), true)).toEqual([
      FRONT_PAGE,
      "/anon/articles/old",
      "/anon/articles/new",
      ARTICLE_PAGES,
    ]);
  });

  it("everything that listed it when it is unpublished or deleted", () => {
    expect(pathsAfterChange(pub("a"), draft("a"), false)).toEqual([FRONT_PAGE, "/anon/articles/a", ARTICLE_PAGES]);
    expect(pathsAfterChange(pub("a"), null, true)).toEqual([FRONT_PAGE, "/anon/articles/a", ARTICLE_PAGES]);
  });
});
