import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS, type Reader, type Viewer } from "@/lib/access/viewer";
import type { MeterNote } from "@/lib/render/viewer";
import { withSiteName, type GateCopy } from "@/lib/experiments/gate-copy";
import { articleMetadata } from "@/lib/articles/metadata";
import { articleForViewer, type ArticlePageData } from "@/lib/articles/page-data";
import { env } from "@/lib/config/env";
import { giftSettings } from "@/lib/gifts/settings";
import { offeredNewsletters } from "@/lib/newsletter/newsletters";

/** Title and description of an article page: free fields only. */
export async function articlePageMetadata(slug: string, viewer: Reader): Promise<Metadata> {
  const data = await articleForViewer(slug, viewer);
  return articleMetadata(data?.article ?? null);
}

type ScreenProps = {
  data: ArticlePageData;
  viewer: Reader;
  meter?: MeterNote | null;
  /** The gift link this page was opened with, when it opened (the gift page). */
  gift?: { token: string } | null;
  /** Offer "Gift this article" (a member, a premium article, gifts on). */
  gifting?: boolean;
  /** The gate's words (a wall experiment's variant, or the standing gate); Lede's own by default. */
  gate?: GateCopy;
  /** The newsletters the join form's consent box names (those offered by default). */
  offer?: string[];
};

/** The masthead and the article, as `data` (already decided for `viewer`) has it. */
export function ArticleScreen({ data, viewer, meter = null, gift = null, gifting = false, gate, offer = [] }: ScreenProps) {
  const masthead: Viewer = viewer.kind === "sampler" || viewer.kind === "gift" ? ANONYMOUS : viewer;
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={masthead} returnTo={`/articles/${data.article.slug}`} />
      <main id="main">
        <ArticleView
          {...data}
          meter={meter}
          gift={gift}
          gifting={gifting}
          gate={gate && withSiteName(gate, env.siteName)}
          offer={offer}
          siteName={env.siteName}
          siteUrl={env.siteUrl}
        />
      </main>
    </>
  );
}

/** An article page as this viewer sees it; "not found" when the viewer may not see it. */
export async function ArticlePage({ slug, viewer, meter, gate }: { slug: string; viewer: Reader; meter?: MeterNote | null; gate?: GateCopy }) {
  const [data, offered] = await Promise.all([articleForViewer(slug, viewer), offeredNewsletters()]);
  if (!data) notFound();
  const { article } = data;
  const account = viewer.kind === "member" || viewer.kind === "editor";
  const gifting = account && article.premium && article.status === "published" && (await giftSettings()).enabled;
  return <ArticleScreen data={data} viewer={viewer} meter={meter} gifting={gifting} gate={gate} offer={offered.map((n) => n.name)} />;
}
