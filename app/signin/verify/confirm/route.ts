import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { setSessionCookie } from "@/lib/auth/cookie";
import { normaliseEmail } from "@/lib/auth/email-address";
import { redeemLink } from "@/lib/auth/redeem";
import { fromThisSite, messagePage, readForm, refuseBody, seeOther } from "@/lib/http/forms";

/** The "Continue" button of an emailed link: the only request that uses the token. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  const fields = form.fields;
  const email = normaliseEmail(fields.email);
  if (!email || !fromThisSite(req)) {
    return messagePage(400, "This link is not valid", "Please ask for a new sign-in email.", "/signin");
  }
  const callbackUrl = safeCallbackPath(fields.callbackUrl);
  try {
    const result = await redeemLink(email, fields.token ?? "");
    if (result.ok) return setSessionCookie(seeOther(callbackUrl), result.session);
    // Back to the link's page, which explains (already used, expired) and offers a new one.
    return seeOther(`/signin/verify?${new URLSearchParams({ email, token: fields.token ?? "", callbackUrl })}`);
  } catch (err) {
    console.error(`[signin] link confirmation failed: ${(err as Error).message}`);
    return messagePage(503, "Please try again in a moment", "Please try again in a moment.", "/signin");
  }
}
