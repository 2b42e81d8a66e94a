import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { randomToken } from "./crypto";
import { secureCookies } from "./session-cookie";

/**
 * A random key the browser that asks for a sign-in mail keeps (HttpOnly, only sent to
 * /signin): the mail's code is stored hashed with it, so the code works only in that
 * browser, where it is typed. A stranger guessing someone's code from elsewhere has no
 * key, compares against nothing, and spends only their own budgets; the owner's tries
 * are counted per (address, key). The emailed link works anywhere, as before.
 */
export const DEVICE_KEY_COOKIE = "lede-signin-device";
const MAX_AGE = 24 * 60 * 60;
const SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The browser's key if it sent a well-formed one, else null. */
export function deviceKeyOf(req: Pick<NextRequest, "cookies">): string | null {
  const value = req.cookies.get(DEVICE_KEY_COOKIE)?.value;
  return value && SHAPE.test(value) ? value : null;
}

/** The browser's key, or a new one for a browser that has none. */
export function deviceKeyFor(req: Pick<NextRequest, "cookies">): { key: string; isNew: boolean } {
  const key = deviceKeyOf(req);
  return key ? { key, isNew: false } : { key: randomToken(32), isNew: true };
}

export function setDeviceKey(res: NextResponse, key: string): NextResponse {
  res.cookies.set(DEVICE_KEY_COOKIE, key, { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: "/signin", maxAge: MAX_AGE });
  return res;
}
