"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deskAction } from "@/lib/desk/action";
import { deleteArticle, saveArticle, setMetered, setPremium } from "@/lib/desk/article-commands";
import { ARTICLE_FIELD_LABELS, articleFormSchema, articleIdField } from "@/lib/desk/article-form";
import { articleSwitch } from "@/lib/desk/article-switch";
import { fieldErrorSummary, withNotice } from "@/lib/desk/notices";

const NO_ARTICLE = "That article no longer exists.";

/** The article editor: create (no id) or update, and save, publish or unpublish. */
export const saveArticleForm = deskAction(
  { schema: articleFormSchema, invalid: (errors) => fieldErrorSummary(errors, ARTICLE_FIELD_LABELS) },
  async ({ id, ...fields }, editor) => {
    const result = await saveArticle(editor, id ?? null, fields);
    if (!result.ok && result.error === "not_found") return { status: "error", message: NO_ARTICLE };
    if (!result.ok) {
      return { status: "error", message: fieldErrorSummary(result.fieldErrors, ARTICLE_FIELD_LABELS), fieldErrors: result.fieldErrors };
    }
    const code = fields.intent === "publish" ? "published" : fields.intent === "unpublish" ? "unpublished" : id ? "saved" : "created";
    redirect(withNotice(`/desk/articles/${result.id}`, code));
  },
);

/** The premium switch of the list. A published article whose body cannot be split stays free, and says why. */
export const switchPremium = articleSwitch({
  field: "premium",
  set: setPremium,
  notices: { on: "premium-on", off: "premium-off" },
  refused: "Premium was not switched on.",
});

/** The Members only switch of a premium article in the list: metered on, or off (members only). */
export const switchMetered = articleSwitch({
  field: "metered",
  set: setMetered,
  notices: { on: "metered-on", off: "members-only" },
  refused: "Nothing was switched.",
});

const deleteSchema = z.object({
  id: articleIdField,
  confirm: z.literal("yes", { error: "Tick “Yes, delete this article” first." }),
});

/** Deletes an article once the editor has ticked the confirmation box. */
export const removeArticle = deskAction(
  { schema: deleteSchema, invalid: (errors) => errors.confirm ?? "Nothing was deleted." },
  async ({ id }, editor) => {
    const result = await deleteArticle(editor, id);
    if (!result.ok) return { status: "error", message: NO_ARTICLE };
    redirect(withNotice("/desk", "deleted"));
  },
);
