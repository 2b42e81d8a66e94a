import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { removePasskey } from "@/lib/auth/passkeys/register";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";

/** "Remove" next to a passkey on /account (a plain form post). */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/account");
  if (!fromThisSite(req)) return seeOther("/account");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  const removed = await removePasskey(viewer.userId, form.fields.id);
  return seeOther(`/account?notice=${removed ? "passkey-removed" : "passkey-not-found"}`);
}
