import { ArticlePage, articlePageMetadata } from "@/components/article/article-page";
import { currentViewer } from "@/lib/auth";

// Rendered per request for the viewer (editors, under `npm start`; everyone with a
// session cookie under `next dev`): the access rule decides per request, and the
// response is private, never cached.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props) {
  return articlePageMetadata((await params).slug, await currentViewer());
}

export default async function ArticlePageForViewer({ params }: Props) {
  return <ArticlePage slug={(await params).slug} viewer={await currentViewer()} />;
}
