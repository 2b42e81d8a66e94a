import "server-only";
import type { Metadata } from "next";
import type { ArticleTeaser } from "./queries";

/** Title, description and Open Graph for an article: free fields only, never premium text. */
export function articleMetadata(article: ArticleTeaser | null): Metadata {
  if (!article) return { title: "Not found", robots: { index: false } };
  const description = article.dek || article.summary;
  return {
    title: article.title,
    description,
    alternates: { canonical: `/articles/${article.slug}` },
    robots: article.status === "published" ? undefined : { index: false },
    openGraph: {
      type: "article",
      title: article.title,
      description,
      url: `/articles/${article.slug}`,
      publishedTime: article.publishedAt.toISOString(),
      modifiedTime: article.updatedAt.toISOString(),
      authors: article.author ? [article.author] : undefined,
      images: article.image ? [{ url: article.image, width: 1200, height: 675 }] : undefined,
    },
    twitter: { card: article.image ? "summary_large_image" : "summary", title: article.title, description },
  };
}
