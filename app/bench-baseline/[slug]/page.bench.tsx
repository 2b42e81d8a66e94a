import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleScreen } from "@/components/article/article-page";
import { ANONYMOUS } from "@/lib/access/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { baselinePageData, baselineSlugs } from "../baseline-data";

// The static baseline of `npm run bench`: a sample premium article's lede and gate,
// prerendered at build time. Only the bench's own build (LEDE_BENCH_BASELINE=1, in
// .next-bench) has this page (next.config.js pageExtensions).
export const dynamic = "force-static";
export const dynamicParams = false;

export async function generateStaticParams() {
  return (await baselineSlugs()).map((slug) => ({ slug }));
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const data = await baselinePageData((await params).slug);
  return articleMetadata(data?.article ?? null);
}

export default async function BenchBaselinePage({ params }: Props) {
  const data = await baselinePageData((await params).slug);
  if (!data) notFound();
  return <ArticleScreen data={data} viewer={ANONYMOUS} />;
}
