// The free lede and the premium rest of an article body.
import { fromMarkdown } from "./mdast";
import { toString } from "mdast-util-to-string";

export const GATE_MARKER = "<!-- gate -->";
const GATE_LINE = /^[ \t]*<!--\s*gate\s*-->[ \t]*$/m;
const LEDE_PARAGRAPHS = 2;

/** Splits at a `<!-- gate -->` line, else after the first two paragraphs. */
export function splitLede(markdown: string): { lede: string; rest: string } {
  const source = markdown.replace(/\r\n?/g, "\n");
  const marker = GATE_LINE.exec(source);
  if (marker) {
    return {
      lede: source.slice(0, marker.index).trim(),
      rest: source.slice(marker.index + marker[0].length).trim(),
    };
  }
  const tree = fromMarkdown(source);
  let seen = 0;
  for (const node of tree.children) {
    if (node.type === "paragraph") seen++;
    if (seen === LEDE_PARAGRAPHS && node.position?.end.offset !== undefined) {
      const end = node.position.end.offset;
      return { lede: source.slice(0, end).trim(), rest: source.slice(end).trim() };
    }
  }
  return { lede: source.trim(), rest: "" };
}

/** Plain text of a markdown fragment, cut to `max` characters at a word boundary. */
export function plainText(markdown: string, max = 300): string {
  const text = fromMarkdown(markdown).children.map((n) => toString(n)).join(" ").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  return text.slice(0, text.lastIndexOf(" ", max - 1)).replace(/[,.;:!?]$/, "") + "…";
}
