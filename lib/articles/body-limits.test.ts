// What editors paste: nesting and size refused with a message before any parser sees it,
// and an estimate of nesting that never counts less than the parser would nest.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import type { Nodes } from "mdast";
import { articleInputSchema } from "./article-input";
import { bodyProblem, bodyShape, MAX_BODY_CHARS, MAX_LIST_ITEMS, MAX_NESTING } from "./body-limits";
import { fromMarkdown } from "./mdast";

/** How deeply quotes and list items nest in the parsed tree. */
function parsedNesting(node: Nodes): number {
  const own = node.type === "blockquote" || node.type === "listItem" ? 1 : 0;
  const kids = "children" in node ? node.children.map((c) => parsedNesting(c as Nodes)) : [];
  return own + Math.max(0, ...kids);
}

const base = { title: "T", slug: "t", publishedAt: "2026-11-20T08:30:00Z", premium: false };

describe("an article body", () => {
  it("is refused, with a message saying what to do, when it nests too deep, is too long or lists too much", () => {
    const cases: [string, RegExp][] = [
      [`${">".repeat(2500)} x`, /nests quotes or lists about 2500 levels deep: at most 32/],
      [Array.from({ length: 400 }, (_, i) => `${"  ".repeat(i % 100)}- item`).join("\n"), /levels deep/],
      ["x".repeat(MAX_BODY_CHARS + 1), /at most 200,000\. Split it/],
      ["- item\n".repeat(MAX_LIST_ITEMS + 1), /has 2,001 list items: at most 2,000/],
    ];
    for (const [body, message] of cases) {
      const r = articleInputSchema.safeParse({ ...base, body });
      expect(r.success).toBe(false);
      expect(r.error?.issues.find((i) => i.path[0] === "body")?.message).toMatch(message);
    }
  });

  it("keeps what articles are made of", () => {
    const article = ["# Heading", "", "A paragraph.", "", "> A quote", "> > with a reply", "", "- one", "  - two", "    1. three", "", "    code"].join("\n");
    expect(bodyProblem(article)).toBeNull();
    expect(bodyProblem("- item\n".repeat(MAX_LIST_ITEMS))).toBeNull();
  });

  it("never estimates less nesting than the parser finds", () => {
    const piece = fc.constantFrom(">", "> ", "- ", "* ", "1. ", "2) ", "  ", "    ", "\t", " ", "text", "");
    const line = fc.array(piece, { maxLength: 12 }).map((p) => p.join(""));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), (lines) => {
        const body = lines.join("\n");
        expect(bodyShape(body).nesting).toBeGreaterThanOrEqual(parsedNesting(fromMarkdown(body)));
      }),
      { numRuns: 500 },
    );
    expect(MAX_NESTING).toBe(32);
  });
});
