import type { ArticleTeaser } from "@/lib/articles/queries";

export const PREMIUM_CLASS = "premium-content";

type Props = { article: ArticleTeaser; siteName: string; siteUrl: string };

/** NewsArticle markup with Google's paywalled-content fields; never any premium text. */
export function ArticleJsonLd({ article, siteName, siteUrl }: Props) {
  const data: Record<string, unknown> = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: article.title,
    description: article.dek || article.summary,
    datePublished: article.publishedAt.toISOString(),
    dateModified: article.updatedAt.toISOString(),
    mainEntityOfPage: `${siteUrl}/articles/${article.slug}`,
    author: article.author ? [{ "@type": "Person", name: article.author }] : undefined,
    publisher: { "@type": "Organization", name: siteName, url: siteUrl },
    image: article.image ? [new URL(article.image, siteUrl).toString()] : undefined,
    isAccessibleForFree: !article.premium,
  };
  if (article.premium) {
    data.hasPart = { "@type": "WebPageElement", isAccessibleForFree: false, cssSelector: `.${PREMIUM_CLASS}` };
  }
  const json = JSON.stringify(data).replace(/</g, "\\u003c");
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: json }} />;
}
