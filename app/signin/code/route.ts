import type { NextRequest } from "next/server";
import { setPendingAddress, setSessionCookie } from "@/lib/auth/cookie";
import { deviceKeyOf } from "@/lib/auth/device-key";
import { parseEmail } from "@/lib/auth/email-address";
import { redeemCode } from "@/lib/auth/redeem";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, json, messagePage, readForm, refuseBody, seeOther, wantsJson } from "@/lib/http/forms";
import { consentContext } from "@/lib/newsletter/consent";

/**
 * The 6-digit code from the sign-in email, typed in the browser that asked (its key,
 * lib/auth/device-key.ts). Every code that signs nobody in gets the same answer.
 */
export async function POST(req: NextRequest) {
  const asJson = wantsJson(req);
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  const fields = form.fields;
  const address = parseEmail(fields.email);
  if (!address || !fromThisSite(req)) {
    const message = "The form could not be read. Please ask for a new email.";
    return asJson ? json(400, { ok: false, error: "bad_request", message }) : messagePage(400, "Something went wrong", message, "/signin");
  }
  try {
    const result = await redeemCode(address.email, fields.code, clientIp(req.headers), deviceKeyOf(req), consentContext(req.headers));
    if (result.ok) {
      const to = safeCallbackPath(result.callbackUrl);
      const res = asJson ? json(200, { ok: true, redirectTo: to }) : seeOther(to);
      return setSessionCookie(res, result.session);
    }
    const status = result.error === "rate_limited" ? 429 : 400;
    const retry: Record<string, string> = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    if (asJson) return json(status, { ok: false, error: result.error, field: "code", message: result.message }, retry);
    if (status === 429) return messagePage(429, "Please wait a little", result.message, "/signin");
    const back = new URLSearchParams({ callbackUrl: safeCallbackPath(fields.callbackUrl), error: result.error });
    return setPendingAddress(seeOther(`/signin/check?${back}`), address.asTyped);
  } catch (err) {
    console.error(`[signin] code check failed: ${(err as Error).message}`);
    const message = "Please try again in a moment.";
    return asJson ? json(503, { ok: false, error: "unavailable", message }) : messagePage(503, message, message, "/signin");
  }
}
