import "server-only";
import { ARTICLE_FIELD_LABELS } from "./article-form";
import type { CommandResult } from "./article-commands";
import { deskPath, deskPost } from "./desk-post";
import type { Editor } from "./guard";
import { fieldErrorSummary, NOTICES, withNotice, type NoticeCode } from "./notices";

type Switch = {
  /** The posted field: "on" or "off". */
  field: string;
  set: (editor: Editor, id: number, on: boolean) => Promise<CommandResult>;
  notices: { on: NoticeCode; off: NoticeCode };
  /** Said before the reasons when the article refuses the switch. */
  refused: string;
};

/** The route of a one-click switch of the article list (premium, members only). */
export function articleSwitch({ field, set, notices, refused }: Switch) {
  return deskPost<{ id: string }>(async ({ editor, fields, params }) => {
    const back = deskPath(fields.returnTo);
    const on = fields[field] === "on" ? true : fields[field] === "off" ? false : null;
    const id = Number(params.id);
    if (on === null || !Number.isSafeInteger(id)) {
      return { ok: false, status: 400, error: "bad_request", message: `Say ${field}=on or ${field}=off.`, backTo: back };
    }
    const result = await set(editor, id, on);
    if (!result.ok && result.error === "invalid") {
      const message = `${refused} ${fieldErrorSummary(result.fieldErrors, ARTICLE_FIELD_LABELS)}`;
      return { ok: false, status: 422, error: "invalid", message, fieldErrors: result.fieldErrors, backTo: `/desk/articles/${id}` };
    }
    if (!result.ok) return { ok: false, status: 404, error: "not_found", message: "That article no longer exists.", backTo: "/desk" };
    const code = on ? notices.on : notices.off;
    return { ok: true, redirectTo: withNotice(back, code, { article: String(id) }), message: NOTICES[code] };
  });
}
