import { ArticlePage, articlePageMetadata } from "@/components/article/article-page";
import { renderFor } from "@/lib/render/viewer";

// An article as anyone without a session, every member, or a reader the meter lets read
// it sees it (lib/render/routes.js says who gets which): rendered once, cached until a
// change drops it (lib/render).
// The hour is only a backstop for changes made by hand in the database.
export const revalidate = 3600;
export const dynamicParams = true;
export function generateStaticParams() {
  return [];
}

type Props = { params: Promise<{ render: string; slug: string }> };

export async function generateMetadata({ params }: Props) {
  const { render, slug } = await params;
  return articlePageMetadata(slug, (await renderFor(render)).reader);
}

export default async function CachedArticlePage({ params }: Props) {
  const { render, slug } = await params;
  const { reader, meter, gate } = await renderFor(render);
  return <ArticlePage slug={slug} viewer={reader} meter={meter} gate={gate} />;
}
