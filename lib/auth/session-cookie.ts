import { env } from "@/lib/config/env";
import { SESSION_COOKIES } from "./cookie-names";

/** Secure cookies (and their __Secure- prefix) whenever the public site is https. */
export function secureCookies(): boolean {
  return env.siteUrl.startsWith("https:");
}

export function sessionCookieName(): string {
  const [plain, secure] = SESSION_COOKIES;
  return secureCookies() ? secure : plain;
}

/** Both names (lib/auth/cookie-names.ts, where the front server reads them too). */
export const SESSION_COOKIE_NAMES: readonly string[] = SESSION_COOKIES;

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
