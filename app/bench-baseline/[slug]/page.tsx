import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { SiteHeader } from "@/components/site/site-header";
import { baselineEnabled, baselinePageData, baselineSlugs } from "../baseline-data";
import { ANONYMOUS } from "@/lib/access/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { env } from "@/lib/env";

// The static baseline of `npm run bench`: a sample premium article's lede and gate,
// prerendered at build time. Only the bench's own build (LEDE_BENCH_BASELINE=1, in
// .next-bench) has these pages; in any other build every path here is "not found".
export const dynamic = "force-static";
export const dynamicParams = false;

export async function generateStaticParams() {
  return baselineEnabled() ? (await baselineSlugs()).map((slug) => ({ slug })) : [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = baselineEnabled() ? await baselinePageData((await params).slug) : null;
  return articleMetadata(data?.article ?? null);
}

export default async function BenchBaselinePage({ params }: Props) {
  const { slug } = await params;
  const data = baselineEnabled() ? await baselinePageData(slug) : null;
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
