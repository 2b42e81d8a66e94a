import "server-only";
import type { NextRequest } from "next/server";
import { fromThisSite, json, messagePage, readForm, seeOther, wantsJson, FORM_LIMIT, type FormFields } from "@/lib/http/forms";
import { safeCallbackPath } from "@/lib/http/redirect-target";
import { editorOfRequest, type Editor } from "./guard";

/** What a desk action answers: where to go next, or what went wrong (every field). */
export type DeskOutcome =
  | { ok: true; redirectTo: string; message: string }
  | {
      ok: false;
      status: number;
      error: string;
      message: string;
      fieldErrors?: Record<string, string>;
      /** Where the no-JavaScript error page's "Go back" leads. */
      backTo: string;
      /**
       * For a form whose page can show each error at its field: a plain post is sent back
       * there (303) instead of getting the small error page.
       */
      formPage?: string;
    };

type Handler<P> = (input: { editor: Editor; fields: FormFields; params: P; req: NextRequest }) => Promise<DeskOutcome>;

export function answer(req: NextRequest, outcome: DeskOutcome) {
  if (wantsJson(req)) {
    if (outcome.ok) return json(200, { ...outcome, redirectTo: safeCallbackPath(outcome.redirectTo, "/desk") });
    const { backTo: _back, formPage: _page, status, ...body } = outcome;
    return json(status, body);
  }
  if (outcome.ok) return seeOther(outcome.redirectTo);
  if (outcome.formPage) return seeOther(deskPath(outcome.formPage));
  const title = outcome.status === 403 ? "Not allowed" : "Nothing was changed";
  return messagePage(outcome.status, title, outcome.message, outcome.backTo);
}

export function refused(req: NextRequest, status: number, error: string, message: string) {
  return answer(req, { ok: false, status, error, message, backTo: "/desk" });
}

/**
 * The gate of every desk POST: a cross-site post, an anonymous visitor or a reader is
 * answered 403 before the body is even read.
 */
export async function deskGate(req: NextRequest): Promise<{ editor: Editor } | { refusal: Response }> {
  if (!fromThisSite(req)) return { refusal: refused(req, 403, "cross_site", "This form must be sent from this site.") };
  const editor = await editorOfRequest();
  if (!editor) {
    return { refusal: refused(req, 403, "forbidden", "Only editors can do this. Sign in with an editor's address.") };
  }
  return { editor };
}

/**
 * A desk POST handler: the gate, then the form's fields, then `handler`. Plain form
 * posts get a redirect (or a small error page); fetch() with Accept: JSON gets JSON.
 */
export function deskPost<P = Record<string, never>>(handler: Handler<P>, options: { maxBytes?: number } = {}) {
  return async (req: NextRequest, ctx: { params: Promise<P> }) => {
    const gate = await deskGate(req);
    if ("refusal" in gate) return gate.refusal;
    const form = await readForm(req, options.maxBytes ?? FORM_LIMIT);
    if (!form.ok) return refused(req, form.status, form.status === 413 ? "too_large" : "bad_request", form.message);
    return answer(req, await handler({ editor: gate.editor, fields: form.fields, params: await ctx.params, req }));
  };
}

/** A desk path from a form's returnTo field (checked once normalised); anything else becomes `fallback`. */
export function deskPath(value: string | undefined, fallback = "/desk"): string {
  const path = safeCallbackPath(value, fallback);
  return /^\/desk(\/|\?|#|$)/.test(path) && path.length < 1000 ? path : fallback;
}
