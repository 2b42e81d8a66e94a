import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS } from "@/lib/access/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { articleForViewer } from "@/lib/articles/page-data";
import { env } from "@/lib/env";

// An article as anyone without a session sees it (lede + gate for premium ones):
// rendered once, cached, revalidated on change. proxy.ts rewrites /articles/<slug> here
// when the request carries no session cookie, so no session or database lookup is
// needed per request. Only the anonymous viewer is ever rendered here.
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const data = await articleForViewer(slug, ANONYMOUS);
  return articleMetadata(data?.article ?? null);
}

export default async function AnonymousArticlePage({ params }: Props) {
  const { slug } = await params;
  const data = await articleForViewer(slug, ANONYMOUS);
  if (!data) notFound();
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={ANONYMOUS} returnTo={`/articles/${slug}`} />
      <main id="main">
        <ArticleView {...data} siteName={env.siteName} siteUrl={env.siteUrl} />
      </main>
    </>
  );
}
