import "server-only";
import { mayReadFull } from "@/lib/access/may-read";
import { ANONYMOUS, type Viewer } from "@/lib/access/viewer";
import type { ArticlePageData } from "@/lib/articles/page-data";
import { listRelated } from "@/lib/articles/queries";
import type { Article } from "@/lib/db/schema";

export type PreviewAs = "anonymous" | "member";

const SAMPLE_MEMBER: Viewer = { kind: "member", userId: "preview", email: "member@preview.invalid" };

/**
 * What the article page shows a viewer of this kind once the article is published: the
 * same access rule and the same data as the real page, asked for a stand-in viewer.
 */
export async function previewData(article: Article, as: PreviewAs): Promise<ArticlePageData> {
  const viewer = as === "member" ? SAMPLE_MEMBER : ANONYMOUS;
  const { body: _body, restHtml, createdAt: _created, ...teaser } = article;
  const mayRead = mayReadFull(viewer, { premium: article.premium, status: "published" });
  return { article: teaser, restHtml: mayRead ? restHtml : null, related: await listRelated(article.id) };
}
