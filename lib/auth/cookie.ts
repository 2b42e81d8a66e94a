import "server-only";
import type { NextResponse } from "next/server";
import { secureCookies, sessionCookieName } from "./session-cookie";
import type { NewSession } from "./sessions";

/** HttpOnly, SameSite=Lax, Secure when the site is https. */
export function setSessionCookie(res: NextResponse, session: NewSession): NextResponse {
  res.cookies.set(sessionCookieName(), session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    expires: session.expires,
  });
  return res;
}

export function clearSessionCookie(res: NextResponse): NextResponse {
  for (const name of ["authjs.session-token", "__Secure-authjs.session-token"]) {
    res.cookies.set(name, "", { httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure"), path: "/", maxAge: 0 });
  }
  return res;
}
