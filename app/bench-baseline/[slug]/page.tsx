import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { ArticleScreen } from "@/components/article/article-page";
import { ANONYMOUS } from "@/lib/access/viewer";
import { articleMetadata } from "@/lib/articles/metadata";
import { baselineEnabled, baselinePageData, baselineSlugs } from "../baseline-data";

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
  const data = baselineEnabled() ? await baselinePageData((await params).slug) : null;
  if (!data) notFound();
  return <ArticleScreen data={data} viewer={ANONYMOUS} />;
}
