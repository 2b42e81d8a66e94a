// Property: for any body made of top-level blocks, the split gives away no more than the
// rule allows, loses and duplicates nothing, and no text of the rest reaches the lede.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fromMarkdown } from "./mdast";
import { renderMarkdown } from "./markdown";
import { plainText, splitLede } from "./teaser";

/** Blocks, each carrying its own token `t` (a word found nowhere else in the body). */
const BLOCKS: ((t: string) => string)[] = [
  (t) => `Paragraph ${t} with *emphasis*.`,
  (t) => `A line ${t} with an inline <!-- gate --> marker.`,
  (t) => `See [the ${t} reference][ref1] and [ref2].`,
  (t) => `## Heading ${t}`,
  (t) => `Setext ${t}\n---------`,
  (t) => `- item ${t}\n- another item`,
  (t) => `1. first ${t}\n2. second`,
  (t) => `- listed ${t}\n\n  <!-- gate -->`,
  (t) => `> quoted ${t}\n> still quoted`,
  (t) => `> quoted ${t}\n>\n> <!-- gate -->`,
  (t) => "```\ncode " + t + "\n<!-- gate -->\n```",
  (t) => `    indented ${t}`,
  () => "***",
  (t) => `![alt ${t}](/images/${t}.svg)`,
  (t) => `| cell ${t} | b |\n|---|---|\n| 1 | 2 |`,
  (t) => `<div>raw ${t}</div>`,
  (t) => `<!-- note ${t} -->`,
  () => "[ref1]: https://one.example/defined",
  () => '[ref2]: /two "Title two"',
];
const MARKERS = ["<!-- gate -->", "<!--GATE-->", "  <!--  gate  -->"];

const bodies = fc
  .record({
    kinds: fc.array(fc.nat(BLOCKS.length - 1), { maxLength: 14 }),
    marker: fc.option(fc.record({ at: fc.nat(), spelling: fc.constantFrom(...MARKERS) }), { freq: 2 }),
  })
  .map(({ kinds, marker }) => {
    const blocks = kinds.map((k, i) => BLOCKS[k](`tok${i}z`));
    if (marker) blocks.splice(marker.at % (blocks.length + 1), 0, marker.spelling);
    return blocks.join("\n\n");
  });

const tokens = (s: string) => new Set(s.match(/tok\d+z/g) ?? []);
const count = (s: string, t: string) => s.split(t).length - 1;
/** Blocks that show something, counted by parsing a part on its own. */
const shownBlocks = (md: string) => fromMarkdown(md).children.filter((n) => n.type !== "definition" && n.type !== "html").length;

describe("splitLede, for generated bodies", () => {
  it("never frees more than half of the blocks without a marker, at most two", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const split = splitLede(body);
        if (split.by !== "default") return;
        expect(split.ledeBlocks).toBeLessThanOrEqual(Math.min(2, Math.floor(split.blocks / 2)));
        expect(split.problem === null).toBe(split.blocks >= 2);
      }),
      { numRuns: 400 },
    );
  });

  it("puts every block in exactly one part, each part parsing back to its own blocks", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const split = splitLede(body);
        expect(shownBlocks(body)).toBe(split.blocks);
        expect(shownBlocks(split.lede)).toBe(split.ledeBlocks);
        expect(shownBlocks(split.rest)).toBe(split.blocks - split.ledeBlocks);
        for (const t of tokens(body)) {
          const inLede = count(split.lede, t);
          const inRest = count(split.rest, t);
          expect(inLede + inRest, t).toBe(count(body, t));
          expect(inLede === 0 || inRest === 0, t).toBe(true);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("lets no text of the rest reach the lede's HTML or the summary", () => {
    fc.assert(
      fc.property(bodies, (body) => {
        const { lede, rest } = splitLede(body);
        const ledeHtml = renderMarkdown(lede);
        const restHtml = renderMarkdown(rest);
        for (const t of tokens(rest)) {
          expect(ledeHtml, t).not.toContain(t);
          expect(plainText(lede), t).not.toContain(t);
        }
        // The marker never shows as one, and the parts together render as the whole.
        expect(ledeHtml + restHtml).not.toContain("<!--");
        expect([ledeHtml, restHtml].filter(Boolean).join("\n")).toBe(renderMarkdown(body));
      }),
      { numRuns: 400 },
    );
  });
});
