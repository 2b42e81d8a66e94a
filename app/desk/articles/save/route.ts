import { ARTICLE_FIELD_LABELS } from "@/lib/desk/article-form";
import { saveArticle } from "@/lib/desk/article-commands";
import { deskPost } from "@/lib/desk/desk-post";
import { ARTICLE_LIMIT } from "@/lib/http/forms";
import { fieldErrorSummary, NOTICES, withNotice } from "@/lib/desk/notices";

/** The article editor posts here: create (no id) or update, save / publish / unpublish. */
export const POST = deskPost(
  async ({ editor, fields }) => {
    const id = /^\d{1,9}$/.test(fields.id ?? "") ? Number(fields.id) : null;
    const backTo = id ? `/desk/articles/${id}` : "/desk/articles/new";
    const result = await saveArticle(editor, id, fields);
    if (!result.ok && result.error === "not_found") {
      return { ok: false, status: 404, error: "not_found", message: "That article no longer exists.", backTo: "/desk" };
    }
    if (!result.ok) {
      const message = fieldErrorSummary(result.fieldErrors, ARTICLE_FIELD_LABELS);
      return { ok: false, status: 422, error: "invalid", message, fieldErrors: result.fieldErrors, backTo };
    }
    const code = fields.intent === "publish" ? "published" : fields.intent === "unpublish" ? "unpublished" : id ? "saved" : "created";
    return { ok: true, redirectTo: withNotice(`/desk/articles/${result.id}`, code), message: NOTICES[code] };
  },
  { maxBytes: ARTICLE_LIMIT },
);
