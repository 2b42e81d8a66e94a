import { ArticlePage, articlePageMetadata } from "@/components/article/article-page";
import { viewerOfRender } from "@/lib/render/viewer";

// An article as anyone without a session, or every member, sees it (lib/render/routes.js
// says who gets which): rendered once, cached until a change drops it (lib/render).
// The hour is only a backstop for changes made by hand in the database.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ render: string; slug: string }> };

export async function generateMetadata({ params }: Props) {
  const { render, slug } = await params;
  return articlePageMetadata(slug, viewerOfRender(render));
}

export default async function CachedArticlePage({ params }: Props) {
  const { render, slug } = await params;
  return <ArticlePage slug={slug} viewer={viewerOfRender(render)} />;
}
