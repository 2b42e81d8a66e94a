import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS, type Reader, type Viewer } from "@/lib/access/viewer";
import type { MeterNote } from "@/lib/render/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { articleForViewer, type ArticlePageData } from "@/lib/articles/page-data";
import { env } from "@/lib/config/env";

/** Title and description of an article page: free fields only. */
export async function articlePageMetadata(slug: string, viewer: Reader): Promise<Metadata> {
  const data = await articleForViewer(slug, viewer);
  return articleMetadata(data?.article ?? null);
}

/** The masthead and the article, as `data` (already decided for `viewer`) has it. */
export function ArticleScreen({ data, viewer, meter = null }: { data: ArticlePageData; viewer: Reader; meter?: MeterNote | null }) {
  const masthead: Viewer = viewer.kind === "sampler" ? ANONYMOUS : viewer;
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={masthead} returnTo={`/articles/${data.article.slug}`} />
      <main id="main">
        <ArticleView {...data} meter={meter} siteName={env.siteName} siteUrl={env.siteUrl} />
      </main>
    </>
  );
}

/** An article page as this viewer sees it; "not found" when the viewer may not see it. */
export async function ArticlePage({ slug, viewer, meter }: { slug: string; viewer: Reader; meter?: MeterNote | null }) {
  const data = await articleForViewer(slug, viewer);
  if (!data) notFound();
  return <ArticleScreen data={data} viewer={viewer} meter={meter} />;
}
