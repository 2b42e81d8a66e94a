import type { NextRequest } from "next/server";
import { UnsubscribeConfirm, UnsubscribeDone } from "@/components/newsletter/unsubscribe-notice";
import { env } from "@/lib/config/env";
import { FORM_LIMIT, readBody, refuseBody } from "@/lib/http/forms";
import { handlerPage } from "@/lib/http/handler-page";
import { inspectUnsubscribeLink, unsubscribeByLink } from "@/lib/newsletter/unsubscribe";

const HEADERS = { "Cache-Control": "private, no-store", "X-Robots-Tag": "noindex" };

/** Shows a confirm button. Unsubscribes nobody: link scanners fetch with GET. */
export async function GET(req: NextRequest) {
  const token = req.nextUrl.searchParams.get("token") ?? "";
  const link = await inspectUnsubscribeLink(token);
  const page = <UnsubscribeConfirm siteName={env.siteName} link={link} token={token} />;
  return handlerPage(link.kind === "invalid" ? 400 : 200, "Unsubscribe", page, HEADERS);
}

/**
 * RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" here with no cookie.
 * The token alone authorises it, so no same-origin check; the answer is 200, never a redirect.
 * Its body ("List-Unsubscribe=One-Click", in whatever encoding) says nothing more: it is
 * only counted, and a body past the form limit is refused.
 */
export async function POST(req: NextRequest) {
  const body = await readBody(req, FORM_LIMIT);
  if (!body.ok && body.status === 413) return refuseBody(req, body, "/");
  const link = await unsubscribeByLink(req.nextUrl.searchParams.get("token") ?? "");
  const page = <UnsubscribeDone siteName={env.siteName} link={link} />;
  return handlerPage(link.kind === "invalid" ? 400 : 200, link.kind === "invalid" ? "Unsubscribe" : "Unsubscribed", page, HEADERS);
}
