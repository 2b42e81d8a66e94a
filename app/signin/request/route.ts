import type { NextRequest } from "next/server";
import { setPendingAddress } from "@/lib/auth/cookie";
import { HTTP_STATUS, requestSignIn } from "@/lib/auth/request-sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { env } from "@/lib/config/env";
import { joinReferralOf, siteHostOf } from "@/lib/insight/source";
import { fromThisSite, json, messagePage, readForm, refuseBody, seeOther, wantsJson } from "@/lib/http/forms";

/** The join / sign-in form posts here (plain POST without JavaScript, fetch with it). */
export async function POST(req: NextRequest) {
  const asJson = wantsJson(req);
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  const fields = form.fields;
  if (!fromThisSite(req)) {
    return asJson
      ? json(400, { ok: false, error: "bad_request", message: "The form could not be read. Please try again." })
      : messagePage(400, "Something went wrong", "The form could not be read. Please try again.", "/signin");
  }
  const article = fields.article?.trim() || null;
  const intent = fields.intent === "join" ? "join" : "signin";
  const result = await requestSignIn({
    email: fields.email,
    newsletter: fields.newsletter === "yes" || fields.newsletter === "on",
    articleSlug: article,
    callbackUrl: fields.callbackUrl,
    honeypot: fields.website,
    ip: clientIp(req.headers),
    joining: intent === "join",
    source: fields.from === "meter-notice" || fields.from === "meter-wall" ? fields.from : null,
    // The form's page (its Referer, with any ref=newsletter), and where the reader came
    // to the site from, which the form passes on when JavaScript runs.
    referral: joinReferralOf(req.headers.get("referer"), typeof fields.referrer === "string" ? fields.referrer : null, siteHostOf(env.siteUrl)),
  });

  if (result.ok) {
    if (asJson) return json(200, { ok: true, email: result.email });
    const check = seeOther(`/signin/check?${new URLSearchParams({ callbackUrl: result.callbackUrl })}`);
    return setPendingAddress(check, result.email);
  }

  const status = HTTP_STATUS[result.error];
  const retry = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : undefined;
  const field = result.error === "invalid_email" || result.error === "blocked_email" ? "email" : null;
  if (asJson) return json(status, { ok: false, error: result.error, field, message: result.message }, retry);
  if (field || result.error === "unknown_article") {
    const back = new URLSearchParams({ error: result.error, intent });
    if (typeof fields.callbackUrl === "string" && fields.callbackUrl.length < 2048) back.set("callbackUrl", fields.callbackUrl);
    if (article && result.error !== "unknown_article" && article.length < 200) back.set("article", article);
    return seeOther(`/signin?${back}`);
  }
  const page = messagePage(
    status,
    result.error === "rate_limited" ? "Please wait a little" : "Please try again in a moment",
    result.message,
    "/signin",
  );
  if (retry) page.headers.set("Retry-After", retry["Retry-After"]);
  return page;
}
