import "server-only";
// The desk's route handlers (what must be a URL: the CSV import's upload): their gate and
// their answers. Desk forms are server actions (lib/desk/action.ts).
import type { NextRequest } from "next/server";
import { fromThisSite, json, messagePage, seeOther, wantsJson } from "@/lib/http/forms";
import { safeCallbackPath } from "@/lib/http/redirect-target";
import { editorOfRequest, type Editor } from "./guard";

/** What a desk route answers: where to go next, or what went wrong. */
export type DeskOutcome =
  | { ok: true; redirectTo: string; message: string }
  | {
      ok: false;
      status: number;
      error: string;
      message: string;
      /** Where the no-JavaScript error page's "Go back" leads. */
      backTo: string;
    };

/** A plain form post gets a redirect (or a small error page); fetch() with Accept: JSON gets JSON. */
export function answer(req: NextRequest, outcome: DeskOutcome) {
  if (wantsJson(req)) {
    if (outcome.ok) return json(200, { ...outcome, redirectTo: safeCallbackPath(outcome.redirectTo, "/desk") });
    const { backTo: _back, status, ...body } = outcome;
    return json(status, body);
  }
  if (outcome.ok) return seeOther(outcome.redirectTo);
  const title = outcome.status === 403 ? "Not allowed" : "Nothing was changed";
  return messagePage(outcome.status, title, outcome.message, outcome.backTo);
}

function refused(req: NextRequest, status: number, error: string, message: string) {
  return answer(req, { ok: false, status, error, message, backTo: "/desk" });
}

/**
 * The gate of every desk POST route: a cross-site post, an anonymous visitor or a reader
 * is answered 403 before the body is even read.
 */
export async function deskGate(req: NextRequest): Promise<{ editor: Editor } | { refusal: Response }> {
  if (!fromThisSite(req)) return { refusal: refused(req, 403, "cross_site", "This form must be sent from this site.") };
  const editor = await editorOfRequest();
  if (!editor) {
    return { refusal: refused(req, 403, "forbidden", "Only editors can do this. Sign in with an editor's address.") };
  }
  return { editor };
}
