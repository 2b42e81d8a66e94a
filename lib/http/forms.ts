// Reading and answering the plain-POST forms that also speak JSON to fetch().
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { escapeHtml } from "@/lib/mail/message";
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

/** A small complete page, for answers a no-JavaScript form post must show with a status. */
export function messagePage(status: number, title: string, message: string, backHref: string): NextResponse {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(title)} · ${escapeHtml(env.siteName)}</title></head>
<body style="font-family:system-ui,sans-serif;background:#fbfaf7;color:#161616;margin:0;padding:40px 20px"><main style="max-width:560px;margin:0 auto;background:#fff;border:1px solid #d9d4c7;padding:24px">
<h1 style="font-family:Georgia,serif">${escapeHtml(title)}</h1><p role="status">${escapeHtml(message)}</p><p><a href="${escapeHtml(backHref)}">Go back</a></p></main></body></html>`;
  return new NextResponse(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): NextResponse {
  return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });
}
