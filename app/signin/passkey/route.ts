import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { setSessionCookie } from "@/lib/auth/cookie";
import { signInWithPasskey } from "@/lib/auth/passkeys/authenticate";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, json } from "@/lib/http/forms";
import { readJson } from "@/lib/http/read-json";

const STATUS = { rate_limited: 429, expired: 400, unknown_passkey: 400, refused: 400 } as const;

/** A passkey's answer: signs its owner in and says where to go (the article it started from). */
export async function POST(req: NextRequest) {
  const body = await readJson(req);
  if (!body.ok) return json(body.status, { ok: false, error: body.status === 413 ? "too_large" : "bad_request", message: body.message });
  if (!fromThisSite(req)) return json(400, { ok: false, error: "bad_request", message: "The request could not be read. Please try again." });
  const { response, callbackUrl } = (body.value ?? {}) as { response?: unknown; callbackUrl?: unknown };
  try {
    const result = await signInWithPasskey(response, clientIp(req.headers));
    if (!result.ok) {
      const retry: Record<string, string> = result.retryAfterSeconds ? { "Retry-After": String(result.retryAfterSeconds) } : {};
      return json(STATUS[result.error], { ok: false, error: result.error, message: result.message }, retry);
    }
    return setSessionCookie(json(200, { ok: true, redirectTo: safeCallbackPath(callbackUrl) }), result.session, { offerPasskey: false });
  } catch (err) {
    console.error(`[passkey] sign-in failed: ${(err as Error).message}`);
    return json(503, { ok: false, error: "unavailable", message: "Please try again in a moment." });
  }
}
