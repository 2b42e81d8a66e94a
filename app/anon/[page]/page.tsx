import { notFound } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { FrontPage } from "@/components/site/front-page";
import { ANONYMOUS } from "@/lib/access/viewer";
import { frontPageArticles } from "@/lib/articles/page-data";
import { env } from "@/lib/env";

// The front page as anyone without a session sees it: rendered on first request,
// cached, and revalidated when articles change (proxy.ts rewrites "/" here).
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

export default async function AnonymousFrontPage({ params }: { params: Promise<{ page: string }> }) {
  const { page } = await params;
  if (page !== "front") notFound();
  const articles = await frontPageArticles();
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={ANONYMOUS} />
      <main id="main">
        <FrontPage articles={articles} />
      </main>
    </>
  );
}
