import type { NextRequest } from "next/server";
import { createElement } from "react";
import { GiftMade } from "@/components/gifts/gift-made";
import { formatDate } from "@/components/format";
import { currentViewer } from "@/lib/auth";
import { env } from "@/lib/config/env";
import { makeGift } from "@/lib/gifts/links";
import { handlerPage } from "@/lib/http/handler-page";
import { fromThisSite, json, messagePage, readForm, refuseBody, seeOther, wantsJson } from "@/lib/http/forms";

type Ctx = { params: Promise<{ slug: string }> };

const STATUS = { off: 403, limit: 429, not_premium: 400, no_account: 401 } as const;

/** "Gift this article" (a member's plain POST, or fetch from the button): a new gift link, or why not. */
export async function POST(req: NextRequest, { params }: Ctx) {
  const { slug } = await params;
  const back = /^[a-z0-9-]{1,200}$/.test(slug) ? `/articles/${slug}` : "/";
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, back);
  if (!fromThisSite(req)) {
    const message = "The form could not be read. Please try again.";
    return wantsJson(req) ? json(400, { ok: false, error: "bad_request", message }) : messagePage(400, "Something went wrong", message, back);
  }
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") {
    if (wantsJson(req)) return json(401, { ok: false, error: "no_account", message: "Please sign in to gift an article." });
    return seeOther(`/signin?${new URLSearchParams({ callbackUrl: back })}`);
  }
  const made = await makeGift(viewer.userId, slug).catch((err: Error) => {
    console.error(`[gifts] a gift could not be made: ${err.message}`);
    return { ok: false, error: "unavailable", message: "Please try again in a moment." } as const;
  });
  if (!made.ok) {
    const status = made.error === "unavailable" ? 503 : STATUS[made.error];
    return wantsJson(req) ? json(status, { ok: false, error: made.error, message: made.message }) : messagePage(status, "No gift link made", made.message, back);
  }
  const url = new URL(made.path, env.siteUrl).toString();
  const expires = formatDate(made.expiresAt);
  // The link is its own secret: shown once, to this member, kept by no cache or referrer.
  const headers = { "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer", "X-Robots-Tag": "noindex, nofollow" };
  if (wantsJson(req)) return json(200, { ok: true, url, expires, left: made.left }, headers);
  return handlerPage(200, "Your gift link", createElement(GiftMade, { url, expires, left: made.left, backHref: back }), headers);
}
