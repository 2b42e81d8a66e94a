import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { registrationOptions } from "@/lib/auth/passkeys/register";
import { clientIp } from "@/lib/http/client-ip";
import { fromThisSite, json } from "@/lib/http/forms";

/** A fresh challenge to add a passkey to the signed-in reader's account. */
export async function POST(req: NextRequest) {
  if (!fromThisSite(req)) return json(400, { ok: false, error: "bad_request", message: "The request could not be read. Please try again." });
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return json(401, { ok: false, error: "signed_out", message: "Please sign in first." });
  try {
    const options = await registrationOptions({ userId: viewer.userId, email: viewer.email }, clientIp(req.headers));
    if (!options) return json(429, { ok: false, error: "rate_limited", message: "Too many requests from your network. Please try again later." });
    return json(200, { ok: true, options });
  } catch (err) {
    console.error(`[passkey] registration options failed: ${(err as Error).message}`);
    return json(503, { ok: false, error: "unavailable", message: "Please try again in a moment." });
  }
}
