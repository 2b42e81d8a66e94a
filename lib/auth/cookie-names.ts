// The cookies that say who a reader is, named once: the front server reads them before
// Next does, Auth.js and Lede's sign-in set the session's, the browser reads lede-who.
// No server-only import: the front server and a client component use it.
import { cookieValue } from "../http/cookies"; // relative: next.config.ts loads this file

/** Auth.js's session cookie, under https with its __Secure- prefix: its one spelling. */
export const SESSION_COOKIE_NAME = "authjs.session-token";
export const SESSION_COOKIES = [SESSION_COOKIE_NAME, `__Secure-${SESSION_COOKIE_NAME}`] as const;
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:__Secure-)?${SESSION_COOKIE_NAME.replace(/\./g, "\\.")}=([^;\\s]+)`);

/** The session cookie's value, or null without one. */
export function sessionCookie(cookieHeader: string | undefined): string | null {
  const m = SESSION_COOKIE.exec(cookieHeader || "");
  return m ? m[1] : null;
}

/** The reader's address for the masthead of the members' render, which names no one. */
export const WHO_COOKIE = "lede-who";

/** The Set-Cookie that puts WHO_COOKIE in step with the session (`email`; null clears it), or null if it is. */
export function whoCookieUpdate(cookieHeader: string | undefined, email: string | null, secure: boolean): string | null {
  const value = email ? encodeURIComponent(email) : "";
  if ((cookieValue(cookieHeader, WHO_COOKIE) ?? "") === value) return null;
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return email ? `${WHO_COOKIE}=${value}; ${attributes}` : `${WHO_COOKIE}=; Max-Age=0; ${attributes}`;
}
