import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { subscribeToDefaults } from "@/lib/newsletter/subscriptions";

/** The answer to the newsletter question after a provider sign-in: subscribed (to the newsletters offered by default) only if ticked. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/");
  const callbackUrl = safeCallbackPath(form.fields.callbackUrl);
  if (!fromThisSite(req)) return seeOther(callbackUrl);
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther(`/signin?${new URLSearchParams({ callbackUrl })}`);
  if (form.fields.newsletter === "yes") await subscribeToDefaults(viewer.userId, "provider");
  return seeOther(callbackUrl);
}
