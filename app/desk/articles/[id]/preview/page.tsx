import Link from "next/link";
import { notFound } from "next/navigation";
import { ArticleView } from "@/components/article/article-view";
import { DeskShell } from "@/components/desk/desk-shell";
import { deskArticle } from "@/lib/desk/articles-admin";
import { requireEditor } from "@/lib/desk/guard";
import { previewData, type PreviewAs } from "@/lib/desk/preview";
import { env } from "@/lib/config/env";

export const metadata = { title: "Preview" };

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const WHO: Record<PreviewAs, string> = { anonymous: "an anonymous reader", member: "a signed-in member" };

/** The saved article as an anonymous reader or a member will see it. */
export default async function PreviewPage({ params, searchParams }: Props) {
  const { id } = await params;
  const as: PreviewAs = (await searchParams).as === "member" ? "member" : "anonymous";
  const editor = await requireEditor(`/desk/articles/${id}/preview?as=${as}`);
  const article = await deskArticle(Number(id));
  if (!article) notFound();
  const other: PreviewAs = as === "member" ? "anonymous" : "member";
  const data = await previewData(article, as);
  return (
    <DeskShell editor={editor} current={null}>
      <div className="preview-banner" role="note" data-testid="preview-banner">
        <p>
          <strong>Preview:</strong> what {WHO[as]} sees{article.status === "draft" ? " once it is published" : ""}.
        </p>
        <p>
          <Link href={`/desk/articles/${article.id}/preview?as=${other}`}>See it as {WHO[other]}</Link> ·{" "}
          <Link href={`/desk/articles/${article.id}`}>Back to the editor</Link>
        </p>
      </div>
      <div className="preview-frame" data-testid={`preview-${as}`}>
        <ArticleView {...data} siteName={env.siteName} siteUrl={env.siteUrl} />
      </div>
    </DeskShell>
  );
}
