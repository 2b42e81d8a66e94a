import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "./callback-url";

describe("safeCallbackPath", () => {
  it("keeps same-origin paths with query and hash", () => {
    expect(safeCallbackPath("/articles/x?ref=mail#top")).toBe("/articles/x?ref=mail#top");
  });

  it.each([
    "//evil.example",
    "//evil.example/articles/x",
    "https://evil.example",
    "http://evil.example/",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "%2F%2Fevil.example",
    "%2f%2fevil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "https%3A%2F%2Fevil.example",
    "javascript%3Aalert(1)",
    "%252F%252Fevil.example",
    "/\t/evil.example",
    "/%09/evil.example",
    "",
    "articles/x",
  ])("sends %j to the fallback", (payload) => {
    expect(safeCallbackPath(payload, "/articles/home")).toBe("/articles/home");
  });
});
