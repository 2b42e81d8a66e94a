import { ArticlePage, articlePageMetadata } from "@/components/article/article-page";
import { ANONYMOUS } from "@/lib/access/viewer";

// An article as anyone without a session sees it (lede + gate for premium ones):
// rendered once, cached, revalidated on change. server.js (or proxy.ts) serves it for
// /articles/<slug> when the request carries no session cookie, so no session or
// database lookup is needed per request. Only the anonymous viewer is ever rendered here.
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return articlePageMetadata((await params).slug, ANONYMOUS, "database");
}

export default async function AnonymousArticlePage({ params }: Props) {
  return <ArticlePage slug={(await params).slug} viewer={ANONYMOUS} from="database" />;
}
