import { ARTICLE_FIELD_LABELS } from "@/lib/desk/article-form";
import { setPremium } from "@/lib/desk/article-commands";
import { deskPath, deskPost } from "@/lib/desk/desk-post";
import { fieldErrorSummary, NOTICES, withNotice } from "@/lib/desk/notices";

/** The one-click premium switch in the article list (and on the editor page). */
export const POST = deskPost<{ id: string }>(async ({ editor, fields, params }) => {
  const back = deskPath(fields.returnTo);
  const premium = fields.premium === "on" ? true : fields.premium === "off" ? false : null;
  const id = Number(params.id);
  if (premium === null || !Number.isSafeInteger(id)) {
    return { ok: false, status: 400, error: "bad_request", message: "Say premium=on or premium=off.", backTo: back };
  }
  const result = await setPremium(editor, id, premium);
  if (!result.ok && result.error === "invalid") {
    // A published article whose body cannot be split stays free: the editor is told why.
    const message = `Premium was not switched on. ${fieldErrorSummary(result.fieldErrors, ARTICLE_FIELD_LABELS)}`;
    return { ok: false, status: 422, error: "invalid", message, fieldErrors: result.fieldErrors, backTo: `/desk/articles/${id}` };
  }
  if (!result.ok) return { ok: false, status: 404, error: "not_found", message: "That article no longer exists.", backTo: "/desk" };
  const code = premium ? "premium-on" : "premium-off";
  return { ok: true, redirectTo: withNotice(back, code, { article: String(id) }), message: NOTICES[code] };
});
