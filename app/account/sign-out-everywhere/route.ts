import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { clearSessionCookie } from "@/lib/auth/cookie";
import { endAllSessions } from "@/lib/auth/sessions";
import { FORM_LIMIT, fromThisSite, readBody, refuseBody, seeOther } from "@/lib/http/forms";

/** Ends every session of the account, this one included. */
export async function POST(req: NextRequest) {
  const body = await readBody(req, FORM_LIMIT);
  if (!body.ok) return refuseBody(req, body, "/account");
  if (!fromThisSite(req)) return seeOther("/account");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  await endAllSessions(viewer.userId);
  return clearSessionCookie(seeOther("/"));
}
