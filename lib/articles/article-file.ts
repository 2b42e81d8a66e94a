// Article files: markdown with YAML front matter (see DESIGN.md, "Article files").
import matter from "gray-matter";
import { articleInputErrors, articleInputSchema, type ArticleInput } from "./article-input";
import { splitError } from "./teaser";

export type ParsedFile = { ok: true; article: ArticleInput } | { ok: false; errors: Record<string, string> };

export function parseArticleFile(source: string): ParsedFile {
  let parsed: matter.GrayMatterFile<string>;
  try {
    // A fresh options object: gray-matter caches by content otherwise.
    parsed = matter(source, {});
  } catch (err) {
    return { ok: false, errors: { "front matter": `is not valid YAML (${(err as Error).message.split("\n")[0]})` } };
  }
  if (!parsed.matter || Object.keys(parsed.data).length === 0) {
    return { ok: false, errors: { "front matter": "is missing (the file must start with a --- block)" } };
  }
  const d = parsed.data as Record<string, unknown>;
  const result = articleInputSchema.safeParse({
    ...d,
    publishedAt: d.publishedAt instanceof Date || typeof d.publishedAt === "string" ? d.publishedAt : undefined,
    body: parsed.content,
  });
  const errors = result.success ? {} : articleInputErrors(result.error);
  if (result.success && Number.isNaN(result.data.publishedAt.getTime())) {
    errors.publishedAt = "must be an ISO date like 2026-11-20T08:30:00Z";
  }
  // A premium article that would give all of itself away (or nothing) is refused, named
  // along with every other problem of the file.
  const unsplit =
    d.premium === true && typeof parsed.content === "string"
      ? splitError({ premium: true, status: d.status === "draft" ? "draft" : "published", body: parsed.content })
      : null;
  if (unsplit) errors.body ??= unsplit;
  if (!result.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, article: result.data };
}
