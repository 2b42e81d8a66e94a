import "server-only";
import type { NextResponse } from "next/server";
import { secureCookies, sessionCookieName, SESSION_COOKIE_NAMES } from "./session-cookie";

type CookieSession = { token: string; expires: Date };

/**
 * After a sign-in by link, code or provider, the page the reader lands on offers "Sign in
 * faster next time with a passkey" (components/signin/passkey-offer.tsx reads this cookie in
 * the browser, so the shared members' render stays the same for everyone). Not HttpOnly on
 * purpose: it says nothing but "offer", and the offer's script clears it.
 */
export const PASSKEY_OFFER_COOKIE = "lede-passkey-offer";

/** HttpOnly, SameSite=Lax, Secure when the site is https; and, unless signed in by passkey, the offer of one. */
export function setSessionCookie(res: NextResponse, session: CookieSession, { offerPasskey = true } = {}): NextResponse {
  res.cookies.set(sessionCookieName(), session.token, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/",
    expires: session.expires,
  });
  if (offerPasskey) res.cookies.set(PASSKEY_OFFER_COOKIE, "1", { sameSite: "lax", secure: secureCookies(), path: "/", maxAge: 10 * 60 });
  return res;
}

/** The same cookie as a Set-Cookie header value, for the front server (which has no NextResponse). */
export function sessionCookieHeader(session: CookieSession): string {
  const secure = secureCookies() ? "; Secure" : "";
  return `${sessionCookieName()}=${session.token}; Path=/; Expires=${session.expires.toUTCString()}; HttpOnly; SameSite=Lax${secure}`;
}

export function clearSessionCookie(res: NextResponse): NextResponse {
  for (const name of SESSION_COOKIE_NAMES) {
    res.cookies.set(name, "", { httpOnly: true, sameSite: "lax", secure: name.startsWith("__Secure"), path: "/", maxAge: 0 });
  }
  return res;
}

/**
 * The address a no-JavaScript sign-in was asked for, so "Check your inbox" can show it
 * and its code form can send it, without the address in any URL (and so in logs).
 */
export const PENDING_ADDRESS_COOKIE = "lede-signin-address";

export function setPendingAddress(res: NextResponse, email: string): NextResponse {
  res.cookies.set(PENDING_ADDRESS_COOKIE, email, {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: "/signin",
    maxAge: 60 * 60,
  });
  return res;
}
