import "server-only";
import { redirect } from "next/navigation";
import { z } from "zod";
import { deskAction } from "./action";
import { ARTICLE_FIELD_LABELS, articleIdField } from "./article-form";
import type { CommandResult } from "./article-commands";
import type { Editor } from "./guard";
import { deskPath, fieldErrorSummary, withNotice, type NoticeCode } from "./notices";

type Switch = {
  /** The posted field: "on" or "off". */
  field: "premium" | "metered";
  set: (editor: Editor, id: number, on: boolean) => Promise<CommandResult>;
  notices: { on: NoticeCode; off: NoticeCode };
  /** Said before the reasons when the article refuses the switch. */
  refused: string;
};

/**
 * The action of a one-click switch of the article list (premium, members only): done, it
 * goes back to the list (its search and page kept) with the notice.
 */
export function articleSwitch({ field, set, notices, refused }: Switch) {
  const schema = z.object({
    id: articleIdField,
    to: z.enum(["on", "off"], { error: `must say ${field} on or off` }),
    returnTo: z.string().optional(),
  });
  return deskAction({ schema, invalid: () => `Say ${field}=on or ${field}=off.` }, async ({ id, to, returnTo }, editor) => {
    const result = await set(editor, id, to === "on");
    if (!result.ok && result.error === "invalid") {
      return { status: "error", message: `${refused} ${fieldErrorSummary(result.fieldErrors, ARTICLE_FIELD_LABELS)}`, fieldErrors: result.fieldErrors };
    }
    if (!result.ok) return { status: "error", message: "That article no longer exists." };
    const code = to === "on" ? notices.on : notices.off;
    redirect(withNotice(deskPath(returnTo), code, { article: String(id) }));
  });
}

