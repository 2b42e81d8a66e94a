import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { env } from "@/lib/config/env";
import { consentContext } from "@/lib/newsletter/consent";
import { gateConsentSentence } from "@/lib/newsletter/consent-words";
import { defaultNewsletters } from "@/lib/newsletter/newsletters";
import { subscribeToDefaults } from "@/lib/newsletter/subscriptions";

/** The answer to the newsletter question after a provider sign-in: subscribed (to the newsletters offered by default) only if ticked. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/");
  const callbackUrl = safeCallbackPath(form.fields.callbackUrl);
  if (!fromThisSite(req)) return seeOther(callbackUrl);
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther(`/signin?${new URLSearchParams({ callbackUrl })}`);
  if (form.fields.newsletter === "yes") {
    // The proof of consent keeps the sentence the question page showed (the same words as the gate's box).
    const sentence = gateConsentSentence(env.siteName, (await defaultNewsletters()).map((n) => n.name));
    await subscribeToDefaults(viewer.userId, "provider", consentContext(req.headers), sentence);
  }
  return seeOther(callbackUrl);
}
