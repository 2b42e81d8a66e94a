// The bench's static baseline reads the sample articles from content/articles at build
// time, the same files `npm start` seeds the database with, so that its page carries the
// same lede and gate as the anonymous article page without opening any database.
import "server-only";
import fs from "node:fs/promises";
import path from "node:path";
import type { ArticlePageData } from "@/lib/articles/page-data";
import type { ArticleCard, ArticleTeaser } from "@/lib/articles/queries";
import { parseArticleFile } from "@/lib/articles/article-file";
import { renderedParts } from "@/lib/articles/queries";

const SAMPLES = path.join(process.cwd(), "content", "articles");

async function sampleTeasers(): Promise<ArticleTeaser[]> {
  const files = (await fs.readdir(SAMPLES)).filter((f) => f.endsWith(".md")).sort();
  const teasers: ArticleTeaser[] = [];
  for (const [i, file] of files.entries()) {
    const parsed = parseArticleFile(await fs.readFile(path.join(SAMPLES, file), "utf8"));
    if (!parsed.ok || parsed.article.status !== "published") continue;
    const { body, ...a } = parsed.article;
    const { ledeHtml, summary } = renderedParts(body);
    teasers.push({ ...a, metered: true, id: i + 1, image: a.image ?? null, imageCaption: a.imageCaption ?? null, ledeHtml, summary, updatedAt: a.publishedAt });
  }
  // Newest first, as listRelated orders them.
  return teasers.sort((x, y) => y.publishedAt.getTime() - x.publishedAt.getTime());
}

export async function baselineSlugs(): Promise<string[]> {
  return (await sampleTeasers()).filter((t) => t.premium).map((t) => t.slug);
}

/** What the anonymous article page shows for this sample: lede, gate, "See also". */
export async function baselinePageData(slug: string): Promise<ArticlePageData | null> {
  const all = await sampleTeasers();
  const article = all.find((t) => t.slug === slug);
  if (!article) return null;
  const card = ({ id, slug, title, dek, author, publishedAt, premium, image }: ArticleTeaser): ArticleCard => ({ id, slug, title, dek, author, publishedAt, premium, image });
  return { article, restHtml: null, related: all.filter((t) => t.id !== article.id).slice(0, 3).map(card) };
}
