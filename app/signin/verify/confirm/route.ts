import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { setSessionCookie } from "@/lib/auth/cookie";
import { redeemLink } from "@/lib/auth/sign-in-tokens";
import { fromThisSite, messagePage, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { consentContext } from "@/lib/newsletter/consent";

/** The "Continue" button of an emailed link: the only request that uses the token. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/signin");
  const token = form.fields.token ?? "";
  if (!token || !fromThisSite(req)) {
    return messagePage(400, "This link is not valid", "Please ask for a new sign-in email.", "/signin");
  }
  try {
    const result = await redeemLink(token, consentContext(req.headers));
    if (result.ok) return setSessionCookie(seeOther(safeCallbackPath(result.callbackUrl)), result.session);
    // Back to the link's page, which explains (already used, expired) and offers a new one.
    return seeOther(`/signin/verify?${new URLSearchParams({ token })}`);
  } catch (err) {
    console.error(`[signin] link confirmation failed: ${(err as Error).message}`);
    return messagePage(503, "Please try again in a moment", "Please try again in a moment.", "/signin");
  }
}
