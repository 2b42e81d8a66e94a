import Link from "next/link";
import type { ArticleCard as Card } from "@/lib/articles/queries";
import { formatDate } from "@/components/format";

type Props = { article: Card; lead?: boolean; headingLevel?: 2 | 3 };

export function ArticleCard({ article, lead = false, headingLevel = 3 }: Props) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <article className="card" data-testid="article-card">
      {article.image && (
        // Plain img: the images are local SVGs or publishers' URLs; no optimiser needed.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={article.image} alt="" width={1200} height={675} loading={lead ? "eager" : "lazy"} decoding="async" />
      )}
      <Heading>
        <Link href={`/articles/${article.slug}`} prefetch={false}>
          {article.title}
        </Link>
      </Heading>
      {article.premium && (
        <span className="premium-badge" aria-label="Premium: free for members">
          Premium
        </span>
      )}
      {article.dek && <p>{article.dek}</p>}
      <p className="meta">
        {article.author && <>{article.author} · </>}
        <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
      </p>
    </article>
  );
}
