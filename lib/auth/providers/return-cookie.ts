import "server-only";
import type { NextRequest, NextResponse } from "next/server";
import { safeCallbackPath } from "../callback-url";
import { secureCookies } from "../session-cookie";
import { PROVIDER_BASE_PATH } from "./flow";

/** Where the reader goes after the provider (the article they started from), kept in the browser that started. */
const RETURN_COOKIE = "lede-provider-return";

export function setReturnPath(res: NextResponse, callbackUrl: string): NextResponse {
  res.cookies.set(RETURN_COOKIE, safeCallbackPath(callbackUrl), {
    httpOnly: true,
    sameSite: "lax",
    secure: secureCookies(),
    path: PROVIDER_BASE_PATH,
    maxAge: 15 * 60,
  });
  return res;
}

export function returnPath(req: NextRequest): string {
  return safeCallbackPath(req.cookies.get(RETURN_COOKIE)?.value);
}

export function clearReturnPath(res: NextResponse): NextResponse {
  res.cookies.set(RETURN_COOKIE, "", { httpOnly: true, sameSite: "lax", secure: secureCookies(), path: PROVIDER_BASE_PATH, maxAge: 0 });
  return res;
}
