import type { NextRequest } from "next/server";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { clearSessionCookie } from "@/lib/auth/cookie";
import { endSession } from "@/lib/auth/sessions";
import { SESSION_COOKIE_NAMES } from "@/lib/auth/session-cookie";
import { fromThisSite, readForm, refuseBody, seeOther } from "@/lib/http/forms";

/** Sign out: ends this session in the database and clears the cookie. */
export async function POST(req: NextRequest) {
  const form = await readForm(req);
  if (!form.ok) return refuseBody(req, form, "/");
  const fields = form.fields;
  if (!fromThisSite(req)) return seeOther("/");
  for (const name of SESSION_COOKIE_NAMES) {
    const value = req.cookies.get(name)?.value;
    if (value) await endSession(value);
  }
  return clearSessionCookie(seeOther(safeCallbackPath(fields.callbackUrl)));
}
