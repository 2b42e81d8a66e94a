import { NextResponse } from "next/server";

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The step out to an identity provider: a page that moves on at once (meta refresh, no
 * script needed) with a link for the rare browser that does not, sending no Referer.
 */
export function providerRedirectPage(url: string, label: string): NextResponse {
  const href = escape(url);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="referrer" content="no-referrer"><meta http-equiv="refresh" content="0;url=${href}"><title>Continue with ${escape(label)}</title></head><body><main id="main"><p role="status"><a href="${href}" rel="noreferrer">Continue with ${escape(label)}</a></p></main></body></html>`;
  return new NextResponse(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" },
  });
}
