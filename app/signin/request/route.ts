import type { NextRequest } from "next/server";
import { setPendingAddress } from "@/lib/auth/cookie";
import { deviceKeyFor, setDeviceKey } from "@/lib/auth/device-key";
import { HTTP_STATUS, requestSignIn } from "@/lib/auth/request-sign-in";
import { clientIp } from "@/lib/http/client-ip";
import { env } from "@/lib/config/env";
import { openGift } from "@/lib/gifts/links";
import { assignedVariant } from "@/lib/experiments/assign";
import { runningExperiment } from "@/lib/experiments/running";
import { GIFT_REFERRAL, joinReferralOf, siteHostOf } from "@/lib/insight/source";
import { fromThisSite, json, messagePage, readForm, refuseBody, seeOther, wantsJson } from "@/lib/http/forms";
import { consentContext } from "@/lib/newsletter/consent";

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
  // A join from a gift page names its link: credited to the gift only if the link opens
  // for this very article now (a made-up or stale token is an ordinary join).
  const gift = intent === "join" && article && fields.gift ? await openGift(article, fields.gift, { count: false }).catch(() => null) : null;
  // A join from the gate (or the meter's wall) of a reader in a running wall experiment
  // counts for their variant: the one their cookie holds, if it is one of the experiment's.
  const experiment = intent === "join" && article && !gift && fields.from !== "meter-notice" ? await runningExperiment().catch(() => null) : null;
  const variant = experiment ? assignedVariant(req.headers.get("cookie"), experiment) : null;
  // The code in the mail will work only in this browser, with this key.
  const device = deviceKeyFor(req);
  const result = await requestSignIn({
    email: fields.email,
    newsletter: fields.newsletter === "yes" || fields.newsletter === "on",
    articleSlug: article,
    callbackUrl: fields.callbackUrl,
    honeypot: fields.website,
    ip: clientIp(req.headers),
    consent: consentContext(req.headers),
    deviceKey: device.key,
    joining: intent === "join",
    source: fields.from === "meter-notice" || fields.from === "meter-wall" ? fields.from : null,
    // The form's page (its Referer, with any ref=newsletter), and where the reader came
    // to the site from, which the form passes on when JavaScript runs.
    referral: gift
      ? GIFT_REFERRAL
      : joinReferralOf(req.headers.get("referer"), typeof fields.referrer === "string" ? fields.referrer : null, siteHostOf(env.siteUrl)),
    giftId: gift?.giftId ?? null,
    variant: experiment && variant !== null ? { experimentId: experiment.id, variant } : null,
  });

  if (result.ok) {
    if (asJson) return setDeviceKey(json(200, { ok: true, email: result.email }), device.key);
    const check = seeOther(`/signin/check?${new URLSearchParams({ callbackUrl: result.callbackUrl })}`);
    return setDeviceKey(setPendingAddress(check, result.email), device.key);
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
