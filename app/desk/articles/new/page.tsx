import { ArticleEditor } from "@/components/desk/article-editor";
import { DeskShell } from "@/components/desk/desk-shell";
import { requireEditor } from "@/lib/desk/guard";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "New article" };

export default async function NewArticlePage() {
  const editor = await requireEditor("/desk/articles/new");
  const blank = {
    id: null,
    title: "",
    slug: "",
    dek: "",
    author: "",
    image: "",
    imageCaption: "",
    body: "",
    premium: false,
    metered: true,
    status: "draft" as const,
  };
  return (
    <DeskShell editor={editor} current="new">
      <h1>New article</h1>
      <ArticleEditor article={blank} meterOn={(await meterSettings()).enabled} />
    </DeskShell>
  );
}
