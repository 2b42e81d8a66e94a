import { unified } from "unified";
import remarkParse from "remark-parse";
import type { Root } from "mdast";

const parser = unified().use(remarkParse);

export function fromMarkdown(markdown: string): Root {
  return parser.parse(markdown);
}
