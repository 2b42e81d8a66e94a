// The free lede and the premium rest of an article body, decided on the markdown tree.
//
// The rule (README, "Article files"): a top-level `<!-- gate -->` line ends the free part
// wherever the editor put it. Without one, the free part is the first two blocks, never
// more than half of the article's blocks, and it ends on a paragraph when it can (a
// heading, list or quote at its end belongs with what follows). A premium article must
// leave both parts something to show; lib/articles/article-file.ts and the desk refuse
// to publish one that cannot.
import type { Nodes, Root, RootContent } from "mdast";
import { toString } from "mdast-util-to-string";
import { definitionSource, definitionsOf, descendants, fromMarkdown, referencedLabels } from "./mdast";

export const GATE_MARKER = "<!-- gate -->";
/** Bumped whenever the rule changes: `npm start` re-splits articles stored with an older one. */
export const SPLIT_VERSION = 1;
const DEFAULT_LEDE_BLOCKS = 2;
const MARKER = /^<!--\s*gate\s*-->$/i;
const MARKER_ANYWHERE = /<!--\s*gate\s*-->/i;

export type SplitProblem = "too_short" | "nothing_before_marker" | "nothing_after_marker";

export type LedeSplit = {
  /** Markdown of each part; either renders on its own (definitions its links use travel with it). */
  lede: string;
  rest: string;
  /** Blocks that show something (not definitions, not raw HTML, which Lede never renders). */
  blocks: number;
  ledeBlocks: number;
  by: "marker" | "default";
  /** Why this body has no free part or no premium part; a premium article cannot be published so. */
  problem: SplitProblem | null;
  /** Gate markers that are no gate: inside lists, quotes or text, after the first, or alone in code. */
  strayMarkers: number;
  /** The last words of the free part ("…" first when cut), for the desk's "ending “…”". */
  ledeEnd: string;
};

const HOW = `add a ${GATE_MARKER} line where the free part should end, or write at least two blocks (paragraphs, lists, quotes, headings…)`;

/** What is wrong, worded to follow the field's name ("Body needs …"). */
export const SPLIT_MESSAGES: Record<SplitProblem, string> = {
  too_short: `needs a free part and a premium part, as the article is premium: ${HOW}.`,
  nothing_before_marker: `has nothing above its ${GATE_MARKER} line, and a premium article needs a free part: move the line down to where the free part should end.`,
  nothing_after_marker: `has nothing below its ${GATE_MARKER} line, and a premium article needs a premium part: move the line up to where the free part should end.`,
};

type Parsed = { source: string; tree: Root; top: RootContent[] };

const shows = (n: RootContent) => n.type !== "definition" && n.type !== "html";
const isMarker = (n: Nodes) => n.type === "html" && MARKER.test(n.value.trim());
const start = (n: RootContent) => n.position!.start.offset!;
const end = (n: RootContent) => n.position!.end.offset!;
// Raw HTML never renders (remark-rehype drops it), so it is no text of the article either.
const TEXT_ONLY = { includeHtml: false };
const withoutBlankLines = (s: string) => s.replace(/^(?:[ \t]*\n)+/, "").trimEnd();

/** How many blocks the default lede takes: ≤ 2, ≤ half, ending on a paragraph if one fits. */
function defaultLength(blocks: RootContent[]): number {
  const cap = Math.min(DEFAULT_LEDE_BLOCKS, Math.floor(blocks.length / 2));
  for (let k = cap; k > 0; k--) if (blocks[k - 1].type === "paragraph") return k;
  for (let k = cap; k > 0; k--) if (blocks[k - 1].type !== "heading" && blocks[k - 1].type !== "thematicBreak") return k;
  return cap;
}

/** Cuts the source: the lede before `from`, the rest after `to`; links keep their definitions. */
function cut({ source, tree, top }: Parsed, from: number, to: number) {
  const defs = definitionsOf(tree);
  const needs = (nodes: RootContent[], elsewhere: (offset: number) => boolean) =>
    [...referencedLabels(nodes)].flatMap((label) => {
      const def = defs.get(label);
      return def && elsewhere(def.position!.start.offset!) ? [definitionSource(def)] : [];
    });
  // The first definition of a label wins: the lede's own come first anyway, the rest's
  // borrowed ones must precede its own.
  const ledeDefs = needs(top.filter((n) => end(n) <= from), (o) => o >= from);
  const restDefs = needs(top.filter((n) => start(n) >= to), (o) => o < from);
  return {
    lede: [withoutBlankLines(source.slice(0, from)), ...ledeDefs].filter(Boolean).join("\n\n"),
    rest: [...restDefs, withoutBlankLines(source.slice(to))].filter(Boolean).join("\n\n"),
  };
}

function lastWords(node: RootContent | undefined, words = 8): string {
  if (!node) return "";
  const all = toString(node, TEXT_ONLY).replace(/\s+/g, " ").trim().split(" ");
  return (all.length > words ? "…" : "") + all.slice(-words).join(" ");
}

function parse(markdown: string): Parsed {
  const source = markdown.replace(/\r\n?/g, "\n");
  const tree = fromMarkdown(source);
  return { source, tree, top: tree.children };
}

function defaultSplit(p: Parsed): Omit<LedeSplit, "strayMarkers"> {
  const blocks = p.top.filter(shows);
  const k = defaultLength(blocks);
  const at = k > 0 ? end(blocks[k - 1]) : 0;
  return {
    ...cut(p, at, at),
    blocks: blocks.length,
    ledeBlocks: k,
    by: "default",
    problem: k === 0 ? "too_short" : null,
    ledeEnd: lastWords(blocks[k - 1]),
  };
}

/** Splits an article body into its free lede and its premium rest (see the rule above). */
export function splitLede(markdown: string): LedeSplit {
  const p = parse(markdown);
  const gate = p.top.findIndex(isMarker);
  let strayMarkers = 0;
  for (const node of descendants(p.top)) {
    if (node.type === "html" && MARKER_ANYWHERE.test(node.value) && node !== p.top[gate]) strayMarkers++;
    // A code block of nothing but a marker is one indented by mistake (a tab, four spaces).
    if (node.type === "code" && MARKER.test(node.value.trim())) strayMarkers++;
  }
  if (gate < 0) return { ...defaultSplit(p), strayMarkers };
  const before = p.top.slice(0, gate).filter(shows);
  const after = p.top.slice(gate + 1).filter(shows);
  const problem = before.length === 0 ? "nothing_before_marker" : after.length === 0 ? "nothing_after_marker" : null;
  return {
    ...cut(p, start(p.top[gate]), end(p.top[gate])),
    blocks: before.length + after.length,
    ledeBlocks: before.length,
    by: "marker",
    problem,
    strayMarkers,
    ledeEnd: lastWords(before.at(-1)),
  };
}

/**
 * What is stored and served. A body without a valid split (saved as a draft, or stored
 * under an older rule) never gives more away: a free article is all lede anyway; a
 * premium one keeps at most the default lede (when only its marker is misplaced at the
 * end) or nothing at all.
 */
export function storedSplit(markdown: string, premium: boolean): { lede: string; rest: string; fallback: boolean } {
  const split = splitLede(markdown);
  if (!split.problem) return { lede: split.lede, rest: split.rest, fallback: false };
  if (!premium) return { lede: withoutBlankLines(parse(markdown).source), rest: "", fallback: false };
  if (split.problem === "nothing_after_marker") {
    const auto = defaultSplit(parse(markdown));
    if (!auto.problem) return { lede: auto.lede, rest: auto.rest, fallback: true };
  }
  return { lede: "", rest: withoutBlankLines(parse(markdown).source), fallback: true };
}

/** Why this article may not be published as it is, worded to follow "Body"; null when it may. */
export function splitError(a: { premium: boolean; status: "published" | "draft"; body: string }): string | null {
  if (!a.premium || a.status !== "published") return null;
  const { problem } = splitLede(a.body);
  return problem && SPLIT_MESSAGES[problem];
}

/** Plain text of a markdown fragment, cut to `max` characters at a word boundary. */
export function plainText(markdown: string, max = 300): string {
  const text = fromMarkdown(markdown).children.map((n) => toString(n, TEXT_ONLY)).join(" ").replace(/\s+/g, " ").trim();
  if (text.length <= max) return text;
  return text.slice(0, text.lastIndexOf(" ", max - 1)).replace(/[,.;:!?]$/, "") + "…";
}
