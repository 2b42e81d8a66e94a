import type { NextRequest } from "next/server";
import { authenticationOptions } from "@/lib/auth/passkeys/authenticate";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, json } from "@/lib/http/forms";

/** A fresh challenge for "Sign in with a passkey" and the email field's passkey autofill. */
export async function POST(req: NextRequest) {
  if (!fromThisSite(req)) return json(400, { ok: false, error: "bad_request", message: "The request could not be read. Please try again." });
  try {
    const options = await authenticationOptions(clientIp(req.headers));
    if (!options) return json(429, { ok: false, error: "rate_limited", message: "Too many sign-ins were tried from your network. Please try again later." });
    return json(200, { ok: true, options });
  } catch (err) {
    console.error(`[passkey] options failed: ${(err as Error).message}`);
    return json(503, { ok: false, error: "unavailable", message: "Please try again in a moment." });
  }
}
