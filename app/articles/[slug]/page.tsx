import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/auth";
import { articleMetadata } from "@/lib/articles/metadata";
import { articleForViewer } from "@/lib/articles/page-data";
import { env } from "@/lib/env";

// Readers with a session cookie land here (see proxy.ts): the access rule decides per
// request, and the response is private, never cached.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  const data = await articleForViewer(slug, await currentViewer());
  return articleMetadata(data?.article ?? null);
}

export default async function ArticlePage({ params }: Props) {
  const { slug } = await params;
  const viewer = await currentViewer();
  const data = await articleForViewer(slug, viewer);
  if (!data) notFound();
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo={`/articles/${slug}`} />
      <main id="main">
        <ArticleView {...data} siteName={env.siteName} siteUrl={env.siteUrl} />
      </main>
    </>
  );
}
