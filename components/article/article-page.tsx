import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import type { Viewer } from "@/lib/access/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { articleForViewer, type ArticlePageData } from "@/lib/articles/page-data";
import { env } from "@/lib/env";

/** Title and description of an article page: free fields only. */
export async function articlePageMetadata(slug: string, viewer: Viewer): Promise<Metadata> {
  const data = await articleForViewer(slug, viewer);
  return articleMetadata(data?.article ?? null);
}

/** The masthead and the article, as `data` (already decided for `viewer`) has it. */
export function ArticleScreen({ data, viewer }: { data: ArticlePageData; viewer: Viewer }) {
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo={`/articles/${data.article.slug}`} />
      <main id="main">
        <ArticleView {...data} siteName={env.siteName} siteUrl={env.siteUrl} />
      </main>
    </>
  );
}

/** An article page as this viewer sees it; "not found" when the viewer may not see it. */
export async function ArticlePage({ slug, viewer }: { slug: string; viewer: Viewer }) {
  const data = await articleForViewer(slug, viewer);
  if (!data) notFound();
  return <ArticleScreen data={data} viewer={viewer} />;
}
