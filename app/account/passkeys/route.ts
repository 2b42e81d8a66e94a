import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { finishRegistration } from "@/lib/auth/passkeys/register";
import { fromThisSite, json } from "@/lib/http/forms";
import { readJson } from "@/lib/http/read-json";

/** The browser's new passkey for the signed-in reader: checked, then stored. */
export async function POST(req: NextRequest) {
  const body = await readJson(req);
  if (!body.ok) return json(body.status, { ok: false, error: body.status === 413 ? "too_large" : "bad_request", message: body.message });
  if (!fromThisSite(req)) return json(400, { ok: false, error: "bad_request", message: "The request could not be read. Please try again." });
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return json(401, { ok: false, error: "signed_out", message: "Please sign in first." });
  try {
    const result = await finishRegistration({ userId: viewer.userId, email: viewer.email }, (body.value as { response?: unknown } | null)?.response, req.headers.get("user-agent"));
    return result.ok ? json(200, { ok: true, name: result.name }) : json(400, { ok: false, error: "refused", message: result.message });
  } catch (err) {
    console.error(`[passkey] registration failed: ${(err as Error).message}`);
    return json(503, { ok: false, error: "unavailable", message: "Please try again in a moment." });
  }
}
