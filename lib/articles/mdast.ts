// Markdown → mdast, and the tree walks the lede split needs. CommonMark only: Lede renders
// with remark-parse and no remark-gfm, so a "table" is a paragraph of pipes.
import { unified } from "unified";
import remarkParse from "remark-parse";
import type { Definition, Nodes, Root } from "mdast";

const parser = unified().use(remarkParse);

export function fromMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}

/** Every node under (and including) each of `roots`, in document order; no recursion, so any depth. */
export function* descendants(roots: readonly Nodes[]): Generator<Nodes> {
  const stack = [...roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    if ("children" in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]);
  }
}

/** The definition each label resolves to: the first in the document, at any depth (CommonMark). */
export function definitionsOf(tree: Root): Map<string, Definition> {
  const out = new Map<string, Definition>();
  for (const node of descendants([tree])) {
    if (node.type === "definition" && !out.has(node.identifier)) out.set(node.identifier, node);
  }
  return out;
}

/** Labels that links and images among `nodes` take from a definition. */
export function referencedLabels(nodes: readonly Nodes[]): Set<string> {
  const out = new Set<string>();
  for (const node of descendants(nodes)) {
    if (node.type === "linkReference" || node.type === "imageReference") out.add(node.identifier);
  }
  return out;
}

const entity = (c: string) => `&#${c.codePointAt(0)};`;

/**
 * A definition written out as markdown that parses back to the same label, URL and title,
 * wherever the original stood (a definition inside a quote spans "> " lines).
 */
export function definitionSource(def: Definition): string {
  // The identifier is the label as written (escapes kept), case-folded: it matches the same references.
  const url = `<${def.url.replace(/[&<>\\\r\n]/g, entity)}>`;
  const title = def.title == null ? "" : ` "${def.title.replace(/[&"\\\r\n]/g, entity)}"`;
  return `[${def.identifier}]: ${url}${title}`;
}
