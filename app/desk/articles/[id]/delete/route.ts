import { deleteArticle } from "@/lib/desk/article-commands";
import { deskPost } from "@/lib/desk/desk-post";
import { NOTICES, withNotice } from "@/lib/desk/notices";

/** Deletes an article once the editor has ticked the confirmation box. */
export const POST = deskPost<{ id: string }>(async ({ editor, fields, params }) => {
  const id = Number(params.id);
  const backTo = `/desk/articles/${params.id}`;
  if (fields.confirm !== "yes") {
    return { ok: false, status: 422, error: "unconfirmed", message: "Tick “Yes, delete this article” first.", backTo };
  }
  const result = Number.isSafeInteger(id) ? await deleteArticle(editor, id) : null;
  if (!result?.ok) return { ok: false, status: 404, error: "not_found", message: "That article no longer exists.", backTo: "/desk" };
  return { ok: true, redirectTo: withNotice("/desk", "deleted"), message: NOTICES.deleted };
});
