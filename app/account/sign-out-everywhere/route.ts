import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { clearSessionCookie } from "@/lib/auth/cookie";
import { endAllSessions } from "@/lib/auth/sessions";
import { fromThisSite, seeOther } from "@/lib/http/forms";

/** Ends every session of the account, this one included. */
export async function POST(req: NextRequest) {
  if (!fromThisSite(req)) return seeOther("/account");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  await endAllSessions(viewer.userId);
  return clearSessionCookie(seeOther("/"));
}
