import { describe, expect, it } from "vitest";
import { GATE_MARKER, plainText, splitError, splitLede, storedSplit } from "./teaser";
import { renderMarkdown } from "./markdown";

describe("splitLede with a gate marker", () => {
  it("ends the lede at a <!-- gate --> line, whatever its length", () => {
    const { lede, rest, by, ledeBlocks, blocks } = splitLede("One.\n\nTwo.\n\nThree.\n\n<!-- gate -->\n\nSecret four.");
    expect(lede).toBe("One.\n\nTwo.\n\nThree.");
    expect(rest).toBe("Secret four.");
    expect({ by, ledeBlocks, blocks }).toEqual({ by: "marker", ledeBlocks: 3, blocks: 4 });
  });

  it.each(["<!--gate-->", "<!--  GATE  -->", "  <!-- Gate -->  ", "<!-- gate\n-->"])("tolerates %j", (marker) => {
    expect(splitLede(`Free.\n\n${marker}\n\nSecret.`)).toMatchObject({ lede: "Free.", rest: "Secret.", by: "marker" });
  });

  it.each([
    ["a fenced code block", "```\n<!-- gate -->\n```", 1],
    ["an indented code block", "    <!-- gate -->", 1],
    ["a tab-indented line", "\t<!-- GATE -->", 1],
    ["a list item", "- item\n\n  <!-- gate -->", 1],
    ["a quote", "> quoted\n>\n> <!-- gate -->", 1],
    ["a line of text", "Text <!-- gate --> inline.", 1],
    ["an HTML block", "<div>\n<!-- gate -->\n</div>", 1],
    ["a line with more on it", "<!-- gate --> and more", 1],
  ])("is no gate inside %s, and shows nowhere as a marker", (_, block, stray) => {
    const split = splitLede(`${block}\n\nSecond.\n\nThird.\n\nFourth.`);
    expect(split.by).toBe("default");
    expect(split.strayMarkers).toBe(stray);
    for (const part of [split.lede, split.rest]) expect(renderMarkdown(part)).not.toContain("<!--");
  });

  it("counts only the first top-level marker; a second one renders as nothing", () => {
    const split = splitLede("A.\n\n<!-- gate -->\n\nB.\n\n<!-- gate -->\n\nC.");
    expect(split).toMatchObject({ lede: "A.", ledeBlocks: 1, blocks: 3, strayMarkers: 1 });
    expect(renderMarkdown(split.rest)).toBe("<p>B.</p>\n<p>C.</p>");
  });

  it("reports a marker with nothing before or after it", () => {
    expect(splitLede("<!-- gate -->\n\nA.\n\nB.").problem).toBe("nothing_before_marker");
    expect(splitLede("A.\n\nB.\n\n<!-- gate -->").problem).toBe("nothing_after_marker");
    // Raw HTML and definitions show nothing, so they are no free part either.
    expect(splitLede("<div>x</div>\n\n[d]: /d\n\n<!-- gate -->\n\nA.").problem).toBe("nothing_before_marker");
  });

  it("handles Windows line endings", () => {
    expect(splitLede("A.\r\n\r\n<!-- gate -->\r\n\r\nB.")).toMatchObject({ lede: "A.", rest: "B." });
  });

  it("keeps an indented code block right after the marker a code block", () => {
    expect(renderMarkdown(splitLede("A.\n\n<!-- gate -->\n\n    code\n\nB.").rest)).toContain("<pre><code>code");
  });
});

describe("splitLede without a marker", () => {
  it("uses the first two blocks of four or more", () => {
    const { lede, rest } = splitLede("One.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.");
    expect(lede).toBe("One.\n\nTwo.");
    expect(rest).toBe("Three.\n\nFour.\n\nFive.");
  });

  it.each([
    [0, 0],
    [1, 0],
    [2, 1],
    [3, 1],
    [4, 2],
    [9, 2],
  ])("of %i blocks gives at most half, %i, free", (n, free) => {
    const body = Array.from({ length: n }, (_, i) => `Paragraph ${i}.`).join("\n\n");
    const split = splitLede(body);
    expect(split.blocks).toBe(n);
    expect(split.ledeBlocks).toBe(free);
    expect(split.problem).toBe(free === 0 ? "too_short" : null);
  });

  it("gives away no list or quote of “paragraph, list, quote, paragraph”", () => {
    const split = splitLede("Opening.\n\n- listed one\n- listed two\n\n> A quote.\n\nClosing.");
    expect(split).toMatchObject({ lede: "Opening.", ledeBlocks: 1, blocks: 4 });
    expect(split.rest).toBe("- listed one\n- listed two\n\n> A quote.\n\nClosing.");
  });

  it.each([
    ["an ATX heading", "## A heading"],
    ["a setext heading", "A heading\n========="],
    ["a bullet list", "- one\n- two\n\n- three"],
    ["an ordered list", "3. three\n4. four"],
    ["a quote", "> quoted\nlazily continued\n>\n> > nested"],
    ["a fenced code block", "```js\nlet x = 1;\n\nx++;\n```"],
    ["an indented code block", "    let x = 1;\n\n    x++;"],
    ["a thematic break", "***"],
    ["an image", "![A ferry](/images/ferry.svg)"],
    ["a pipe table (no GFM here: one paragraph)", "| a | b |\n|---|---|\n| 1 | 2 |"],
  ])("counts %s as one block", (_, block) => {
    expect(splitLede(block)).toMatchObject({ blocks: 1, ledeBlocks: 0, problem: "too_short" });
    const split = splitLede(`${block}\n\nThe tail.`);
    expect(split).toMatchObject({ blocks: 2, ledeBlocks: 1, lede: block, rest: "The tail." });
  });

  it("does not count raw HTML (never rendered) or definitions as blocks", () => {
    const split = splitLede("<div>raw</div>\n\nOne.\n\n[d]: https://d.example\n\n<!-- a note -->\n\nTwo.");
    expect(split).toMatchObject({ blocks: 2, ledeBlocks: 1 });
    expect(renderMarkdown(split.lede)).toBe("<p>One.</p>");
  });

  it("ends the lede on a paragraph when one fits, so a heading goes with its section", () => {
    expect(splitLede("## Heading\n\nOne.\n\nTwo.\n\nThree.").lede).toBe("## Heading\n\nOne.");
    expect(splitLede("One.\n\n## Heading\n\nTwo.\n\nThree.").lede).toBe("One.");
    expect(splitLede("One.\n\n***\n\nTwo.\n\nThree.").lede).toBe("One.");
    expect(splitLede("- a\n\n> b\n\nTwo.\n\nThree.").lede).toBe("- a\n\n> b");
    // Nothing better fits in half of three blocks: the heading alone.
    expect(splitLede("## Heading\n\nOne.\n\nTwo.").lede).toBe("## Heading");
  });

  it("says where the free part ends", () => {
    expect(splitLede("One two three.\n\nFour five six seven eight nine ten eleven twelve.\n\nA.\n\nB.").ledeEnd).toBe(
      "…five six seven eight nine ten eleven twelve.",
    );
    expect(splitLede("Short **one**.\n\nA.").ledeEnd).toBe("Short one.");
  });
});

describe("links by reference", () => {
  const body = [
    "Free [docs][d] and [quoted].",
    "Premium [docs][d] and [secret].",
    "[d]: https://d.example/x&y \"The <docs>\"",
    "[secret]: https://secret.example",
    // A quote holding only a definition still counts as a block (three in all).
    "> [quoted]: /q\\>",
  ].join("\n\n");

  it("work in both parts, and a definition only the rest uses stays in the rest", () => {
    const { lede, rest } = splitLede(body);
    expect(renderMarkdown(lede)).toBe(
      '<p>Free <a href="https://d.example/x&#x26;y" title="The <docs>">docs</a> and <a href="/q%3E">quoted</a>.</p>',
    );
    expect(lede).not.toContain("secret");
    expect(renderMarkdown(rest)).toContain('<a href="https://d.example/x&#x26;y" title="The <docs>">docs</a>');
    expect(renderMarkdown(rest)).toContain('<a href="https://secret.example">secret</a>');
  });

  it("resolve to the first definition of a label, in either part", () => {
    const { lede, rest } = splitLede("One [x].\n\n[x]: /first\n\nTwo.\n\nThree [x].\n\n[x]: /second");
    expect(renderMarkdown(lede)).toContain('href="/first"');
    expect(renderMarkdown(rest)).toContain('href="/first"');
  });
});

describe("storedSplit: what an unsplittable body gives away", () => {
  it("gives a premium article of one block no free part", () => {
    expect(storedSplit("All of it.", true)).toEqual({ lede: "", rest: "All of it.", fallback: true });
    expect(storedSplit("<!-- gate -->\n\nA.\n\nB.", true)).toMatchObject({ lede: "", fallback: true });
  });

  it("gives at most the default lede when the marker has nothing after it", () => {
    expect(storedSplit("A.\n\nB.\n\nC.\n\nD.\n\n<!-- gate -->", true)).toMatchObject({ lede: "A.\n\nB.", fallback: true });
    expect(storedSplit("A.\n\n<!-- gate -->", true)).toMatchObject({ lede: "", fallback: true });
  });

  it("makes a free article all lede", () => {
    expect(storedSplit("All of it.", false)).toEqual({ lede: "All of it.", rest: "", fallback: false });
  });
});

describe("splitError", () => {
  it("refuses to publish a premium article without a valid split, naming the gate marker", () => {
    for (const body of ["One paragraph.", "", "<!-- gate -->\n\nA.", "A.\n\n<!-- gate -->"]) {
      expect(splitError({ premium: true, status: "published", body })).toContain(GATE_MARKER);
    }
    expect(splitError({ premium: true, status: "published", body: "One.\n\nTwo." })).toBeNull();
  });

  it("lets drafts and free articles be", () => {
    expect(splitError({ premium: true, status: "draft", body: "One paragraph." })).toBeNull();
    expect(splitError({ premium: false, status: "published", body: "One paragraph." })).toBeNull();
  });
});

describe("plainText", () => {
  it("strips markdown and separates paragraphs", () => {
    expect(plainText("**Bold** start.\n\nSecond [link](/x).")).toBe("Bold start. Second link.");
  });

  it("leaves out raw HTML, which never renders", () => {
    expect(plainText("<div>hidden</div>\n\nShown <b>bold</b>.")).toBe("Shown bold.");
  });

  it("cuts long text at a word with an ellipsis", () => {
    const out = plainText("word ".repeat(100), 30);
    expect(out.length).toBeLessThanOrEqual(31);
    expect(out.endsWith("…")).toBe(true);
  });
});
