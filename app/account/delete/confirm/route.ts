import type { NextRequest } from "next/server";
import { currentViewer } from "@/lib/auth";
import { clearSessionCookie } from "@/lib/auth/cookie";
import { deleteAccount } from "@/lib/account/delete";
import { fromThisSite, messagePage, readForm, refuseBody, seeOther } from "@/lib/http/forms";

/** Deletes the signed-in account once the confirm box was ticked, and signs out. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/account/delete");
  const fields = form.fields;
  if (!fromThisSite(req)) return seeOther("/account/delete");
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") return seeOther("/signin?callbackUrl=%2Faccount");
  if (fields.confirm !== "yes") return seeOther("/account/delete?error=confirm");
  await deleteAccount(viewer.userId);
  return clearSessionCookie(
    messagePage(200, "Your account has been deleted", "Your account, its sign-ins and your newsletter subscription are gone. You have been signed out.", "/"),
  );
}
