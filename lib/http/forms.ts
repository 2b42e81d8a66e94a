// Reading and answering the plain-POST forms that also speak JSON to fetch().
import { NextResponse, type NextRequest } from "next/server";
import { createElement } from "react";
import { MessageNotice } from "@/components/site/message-notice";
import { env } from "@/lib/config/env";
import { handlerPage } from "./handler-page";
import type { BodyRefusal } from "./read-form";
import { safeCallbackPath } from "./redirect-target";

export { readBody, readForm, readFormData, sizeInWords, FORM_LIMIT, ARTICLE_LIMIT, IMPORT_LIMIT, ACTION_LIMIT } from "./read-form";
export type { FormFields, BodyRefusal } from "./read-form";

/** The answer to a body that was too large (413) or unreadable (400): JSON for fetch(), else a page. */
export function refuseBody(req: NextRequest, refusal: BodyRefusal, backHref: string): NextResponse {
  if (wantsJson(req)) {
    return json(refusal.status, { ok: false, error: refusal.status === 413 ? "too_large" : "bad_request", message: refusal.message });
  }
  return messagePage(refusal.status, refusal.status === 413 ? "Too large" : "Something went wrong", refusal.message, backHref);
}

export function wantsJson(req: NextRequest): boolean {
  return (req.headers.get("accept") ?? "").includes("application/json");
}

/**
 * Cross-site form posts are refused: a browser always sends Origin on POST, and it
 * must be this site.
 */
export function fromThisSite(req: NextRequest): boolean {
  const origin = req.headers.get("origin");
  if (!origin || origin === "null") return !req.headers.get("sec-fetch-site") || req.headers.get("sec-fetch-site") === "same-origin";
  const site = new URL(env.siteUrl).origin;
  const host = req.headers.get("host");
  return origin === site || (host !== null && (origin === `http://${host}` || origin === `https://${host}`));
}

/** 303 to a path on this site; anything else `safeCallbackPath` refuses goes to "/". */
export function seeOther(path: string): NextResponse {
  return new NextResponse(null, { status: 303, headers: { Location: safeCallbackPath(path), "Cache-Control": "no-store" } });
}

/** A small page in the site's layout, for answers a no-JavaScript form post must show with a status. */
export function messagePage(status: number, title: string, message: string, backHref: string): NextResponse {
  return handlerPage(status, title, createElement(MessageNotice, { title, message, backHref }));
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
