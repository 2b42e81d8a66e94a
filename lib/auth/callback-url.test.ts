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
    // Dot segments that the URL parser collapses into a protocol-relative path.
    "/.//evil.example/phish",
    "/..//evil.example/phish",
    "/./\\evil.example/phish",
    "/x/..//evil.example",
    "/x/../..//evil.example",
    "/%2e//evil.example",
    "/%2e%2e//evil.example",
    "/.%2f/evil.example",
    "/./%2Fevil.example",
    "/.%5C/evil.example",
    "/.\t//evil.example",
    "/.\n//evil.example",
    "/desk/newsletters/../../..//evil.example",
    "/%252e//evil.example",
  ])("sends %j to the fallback", (payload) => {
    expect(safeCallbackPath(payload, "/articles/home")).toBe("/articles/home");
  });

  it("returns the normalised path, which reads back as itself", () => {
    expect(safeCallbackPath("/articles/./x/../y?q=1")).toBe("/articles/y?q=1");
    expect(safeCallbackPath("/articles/caf\u00e9")).toBe("/articles/caf%C3%A9");
  });

  it("never hands out an unsafe fallback", () => {
    expect(safeCallbackPath("//evil.example", "/.//evil.example")).toBe("/");
  });
});
