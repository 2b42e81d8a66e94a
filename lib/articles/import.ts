import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import { db } from "@/lib/db/client";
import { parseArticleFile } from "./article-file";
import { awaitDrop, recordDrop } from "@/lib/cache/drops";
import { upsertArticle } from "./queries";

export type ImportResult = {
  created: string[];
  updated: string[];
  failed: { file: string; errors: Record<string, string> }[];
};

async function markdownFiles(target: string): Promise<string[]> {
  const stat = await fs.stat(target);
  if (stat.isFile()) return [target];
  const entries = await fs.readdir(target, { withFileTypes: true });
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith("."))
      .map((e) => {
        const full = path.join(target, e.name);
        if (e.isDirectory()) return markdownFiles(full);
        return Promise.resolve(/\.(md|markdown)$/i.test(e.name) ? [full] : []);
      }),
  );
  return nested.flat().sort();
}

/**
 * Upserts every markdown file at `target` (a file or a folder), by slug. A file with
 * bad front matter is reported with the field at fault and nothing of it is written.
 */
export async function importArticles(target: string): Promise<ImportResult> {
  const result: ImportResult = { created: [], updated: [], failed: [] };
  const files = await markdownFiles(target);
  const seen = new Map<string, string>();
  for (const file of files) {
    const parsed = parseArticleFile(await fs.readFile(file, "utf8"));
    if (!parsed.ok) {
      result.failed.push({ file, errors: parsed.errors });
      continue;
    }
    const other = seen.get(parsed.article.slug);
    if (other) {
      result.failed.push({ file, errors: { slug: `"${parsed.article.slug}" is also used by ${other}` } });
      continue;
    }
    seen.set(parsed.article.slug, file);
    // Every web process drops the renders of what changed before the next file is read.
    const { created, drop } = await db.transaction(async (tx) => ({
      ...(await upsertArticle(parsed.article, tx)),
      drop: await recordDrop(tx, { slugs: [parsed.article.slug], lists: true }),
    }));
    await awaitDrop(drop);
    (created ? result.created : result.updated).push(parsed.article.slug);
  }
  return result;
}
