import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";
import { subscribe, unsubscribe } from "@/lib/newsletter/subscriptions";
import { consentContext } from "@/lib/newsletter/consent";

/** The newsletter buttons on /account (plain form posts): one newsletter's, or "all". */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/account");
  const fields = form.fields;
  if (!fromThisSite(req)) return seeOther("/account");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  if (fields.intent === "unsubscribe-all") {
    await unsubscribe(viewer.userId, null, "account", consentContext(req.headers));
    return seeOther("/account?notice=unsubscribed-all");
  }
  // Only a whole number names a newsletter: anything else changes nothing.
  const id = /^[1-9][0-9]{0,8}$/.test(fields.newsletter ?? "") ? Number(fields.newsletter) : null;
  if (id === null) return seeOther("/account");
  if (fields.intent === "subscribe") {
    const status = await subscribe(viewer.userId, id, "account", consentContext(req.headers));
    const notice = status === "active" ? "subscribed" : status === "pending" ? "pending" : "closed";
    return seeOther(`/account?notice=${notice}`);
  }
  if (fields.intent === "unsubscribe") {
    await unsubscribe(viewer.userId, id, "account", consentContext(req.headers));
    return seeOther("/account?notice=unsubscribed");
  }
  return seeOther("/account");
}
