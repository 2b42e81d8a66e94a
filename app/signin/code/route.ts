import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { setSessionCookie } from "@/lib/auth/cookie";
import { normaliseEmail } from "@/lib/auth/email-address";
import { redeemCode } from "@/lib/auth/redeem";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, json, messagePage, readForm, refuseBody, seeOther, wantsJson } from "@/lib/http/forms";

/** The 6-digit code from the sign-in email, typed on the device that asked. */
export async function POST(req: NextRequest) {
  const asJson = wantsJson(req);
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  const fields = form.fields;
  const email = normaliseEmail(fields.email);
  if (!email || !fromThisSite(req)) {
    const message = "The form could not be read. Please ask for a new email.";
    return asJson ? json(400, { ok: false, error: "bad_request", message }) : messagePage(400, "Something went wrong", message, "/signin");
  }
  const callbackUrl = safeCallbackPath(fields.callbackUrl);
  try {
    const result = await redeemCode(email, fields.code, clientIp(req.headers));
    if (result.ok) {
      const res = asJson ? json(200, { ok: true, redirectTo: callbackUrl }) : seeOther(callbackUrl);
      return setSessionCookie(res, result.session);
    }
    const status = result.error === "rate_limited" ? 429 : 400;
    const retry: Record<string, string> = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
    if (asJson) return json(status, { ok: false, error: result.error, field: "code", message: result.message }, retry);
    if (status === 429) return messagePage(429, "Please wait a little", result.message, "/signin");
    return seeOther(`/signin/check?${new URLSearchParams({ email, callbackUrl, error: result.error })}`);
  } catch (err) {
    console.error(`[signin] code check failed: ${(err as Error).message}`);
    const message = "Please try again in a moment.";
    return asJson ? json(503, { ok: false, error: "unavailable", message }) : messagePage(503, message, message, "/signin");
  }
}
