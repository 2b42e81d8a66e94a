import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { subscribe, unsubscribe } from "@/lib/newsletter/subscriptions";
import { consentContext } from "@/lib/newsletter/consent";

/** The newsletter buttons on /account (plain form posts). */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/account");
  const fields = form.fields;
  if (!fromThisSite(req)) return seeOther("/account");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  if (fields.intent === "subscribe") {
    const status = await subscribe(viewer.userId, "account", consentContext(req.headers));
    return seeOther(`/account?notice=${status === "active" ? "subscribed" : "pending"}`);
  }
  if (fields.intent === "unsubscribe") {
    await unsubscribe(viewer.userId, "account", consentContext(req.headers));
    return seeOther("/account?notice=unsubscribed");
  }
  return seeOther("/account");
}
