import { notFound } from "next/navigation";
import { ArticlePage, articlePageMetadata } from "@/components/article/article-page";
import { ANY_MEMBER } from "@/lib/access/viewer";
import { expireWithAnonymousPage } from "@/lib/articles/cached-reads";
import { routedBySiteServer } from "@/lib/http/page-variants";

// An article as every member sees it (premium part included), rendered once and cached:
// it names no one. Only server.js routes here, after finding a member's session for the
// request (one query); it refuses any request that names this folder itself, and marks
// the response private, no-store. Editors get the per-request page instead.
export const revalidate = 10;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return articlePageMetadata((await params).slug, ANY_MEMBER, "database");
}

export default async function MemberArticlePage({ params }: Props) {
  if (!routedBySiteServer()) notFound();
  const { slug } = await params;
  await expireWithAnonymousPage({ slug });
  return <ArticlePage slug={slug} viewer={ANY_MEMBER} from="database" />;
}
