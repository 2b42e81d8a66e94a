// Markdown → the plain-text part of a newsletter: readable in any mail client, links
// written out after their text.
import type { Nodes, Root } from "mdast";
import { fromMarkdown } from "@/lib/articles/mdast";

function inline(node: Nodes): string {
  switch (node.type) {
    case "text":
    case "inlineCode":
      return node.value;
    case "break":
      return "\n";
    case "image":
      return node.alt ? `[${node.alt}]` : "";
    case "link": {
      const label = node.children.map(inline).join("");
      return label && label !== node.url ? `${label} (${node.url})` : node.url;
    }
    case "html":
      return "";
    default:
      return "children" in node ? (node.children as Nodes[]).map(inline).join("") : "";
  }
}

function block(node: Nodes, depth = 0): string {
  switch (node.type) {
    case "heading":
      return node.children.map(inline).join("").toUpperCase();
    case "paragraph":
      return node.children.map(inline).join("");
    case "blockquote":
      return node.children.map((c) => block(c, depth)).join("\n\n").replace(/^/gm, "> ");
    case "list":
      return node.children
        .map((item, i) => {
          const bullet = node.ordered ? `${(node.start ?? 1) + i}.` : "-";
          const body = item.children.map((c) => block(c, depth + 1)).join("\n");
          return `${"  ".repeat(depth)}${bullet} ${body.replace(/\n/g, `\n${"  ".repeat(depth + 1)}`)}`;
        })
        .join("\n");
    case "code":
      return node.value;
    case "thematicBreak":
      return "----";
    case "html":
      return "";
    default:
      return inline(node);
  }
}

/** The text of a markdown document, blocks separated by blank lines. */
export function markdownToText(markdown: string): string {
  const tree: Root = fromMarkdown(markdown.replace(/\r\n?/g, "\n"));
  return tree.children
    .map((n) => block(n))
    .filter((s) => s.trim() !== "")
    .join("\n\n")
    .trim();
}
