import type { ArticlePageData } from "@/lib/articles/page-data";
import { ArticleCard } from "./article-card";
import { ArticleJsonLd, PREMIUM_CLASS } from "./article-json-ld";
import { JoinGate } from "@/components/gate/join-gate";
import { MeterNotice } from "@/components/gate/meter-notice";
import type { MeterNote } from "@/lib/render/viewer";
import { formatDate } from "@/components/format";
import { GiftButton } from "@/components/gifts/gift-button";
import { GiftJoin, GiftNote } from "@/components/gifts/gift-note";
import type { GateCopy } from "@/lib/experiments/gate-copy";

type Props = ArticlePageData & {
  siteName: string;
  siteUrl: string;
  meter?: MeterNote | null;
  /** Opened with a member's gift link that opened (the gift page): its note above, the join form below. */
  gift?: { token: string } | null;
  /** A member's page of a premium article while gifts are on: "Gift this article". */
  gifting?: boolean;
  /** The gate's words, the site's name in them (a wall experiment's variant, or the standing gate). */
  gate?: GateCopy;
  /** The newsletters the join forms' consent box names. */
  offer?: string[];
};

/**
 * One article: the free lede always; then the premium part when `restHtml` is given
 * (the access rule said yes), else the join gate. The premium part is never rendered
 * and hidden.
 */
export function ArticleView({ article, restHtml, related, siteName, siteUrl, meter = null, gift = null, gifting = false, gate, offer = [] }: Props) {
  const locked = article.premium && restHtml === null;
  // The meter speaks only where it decided: above a premium article it let through, on its wall.
  const notice = meter?.kind === "notice" && article.premium && !locked ? meter : null;
  const wall = meter?.kind === "wall" && locked ? meter : null;
  return (
    <>
      <ArticleJsonLd article={article} siteName={siteName} siteUrl={siteUrl} />
      <article className="article" data-testid="article">
        {gift && !locked && <GiftNote siteName={siteName} />}
        {article.premium && <span className="premium-badge">Premium</span>}
        {article.status === "draft" && <p className="byline">Draft: not published</p>}
        <h1>{article.title}</h1>
        {article.dek && <p className="dek">{article.dek}</p>}
        {notice && <MeterNotice left={notice.left} period={notice.period} siteName={siteName} articleSlug={article.slug} offer={offer} />}
        <p className="byline">
          {article.author && <>By {article.author} · </>}
          <time dateTime={article.publishedAt.toISOString()}>{formatDate(article.publishedAt)}</time>
        </p>
        {article.image && (
          <figure>
            {/* eslint-disable-next-line @next/next/no-img-element */}
            <img src={article.image} alt={article.imageCaption ?? ""} width={1200} height={675} fetchPriority="high" />
            {article.imageCaption && <figcaption>{article.imageCaption}</figcaption>}
          </figure>
        )}
        <div className="body">
          <div className="lede" dangerouslySetInnerHTML={{ __html: article.ledeHtml }} />
          {restHtml !== null && (
            <div
              className={article.premium ? PREMIUM_CLASS : "rest"}
              data-testid="article-rest"
              dangerouslySetInnerHTML={{ __html: restHtml }}
            />
          )}
        </div>
        {locked && <JoinGate siteName={siteName} articleSlug={article.slug} spent={wall} copy={gate} offer={offer} />}
        {gift && !locked && <GiftJoin siteName={siteName} articleSlug={article.slug} token={gift.token} offer={offer} />}
        {gifting && !locked && <GiftButton slug={article.slug} />}
      </article>
      {related.length > 0 && (
        <aside className="see-also article" aria-labelledby="see-also-heading">
          <h2 id="see-also-heading">See also</h2>
          <ul className="front-grid">
            {related.map((a) => (
              <li key={a.id}>
                <ArticleCard article={a} />
              </li>
            ))}
          </ul>
        </aside>
      )}
    </>
  );
}
