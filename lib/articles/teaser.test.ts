import { describe, expect, it } from "vitest";
import { plainText, splitLede } from "./teaser";

describe("splitLede", () => {
  it("ends the lede at a <!-- gate --> line", () => {
    const { lede, rest } = splitLede("One.\n\nTwo.\n\nThree.\n\n<!-- gate -->\n\nSecret four.");
    expect(lede).toBe("One.\n\nTwo.\n\nThree.");
    expect(rest).toBe("Secret four.");
  });

  it("uses the first two paragraphs when there is no marker", () => {
    const { lede, rest } = splitLede("## Heading\n\nOne.\n\nTwo.\n\nThree.\n\nFour.");
    expect(lede).toBe("## Heading\n\nOne.\n\nTwo.");
    expect(rest).toBe("Three.\n\nFour.");
  });

  it("does not treat a marker inside a paragraph as the gate", () => {
    const { lede } = splitLede("One <!-- gate --> inline.\n\nTwo.\n\nThree.");
    expect(lede).toBe("One <!-- gate --> inline.\n\nTwo.");
  });

  it("handles Windows line endings", () => {
    expect(splitLede("A.\r\n\r\n<!-- gate -->\r\n\r\nB.").rest).toBe("B.");
  });
});

describe("plainText", () => {
  it("strips markdown and separates paragraphs", () => {
    expect(plainText("**Bold** start.\n\nSecond [link](/x).")).toBe("Bold start. Second link.");
  });

  it("cuts long text at a word with an ellipsis", () => {
    const out = plainText("word ".repeat(100), 30);
    expect(out.length).toBeLessThanOrEqual(31);
    expect(out.endsWith("…")).toBe(true);
  });
});
