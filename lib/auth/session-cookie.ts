import { env } from "@/lib/env";

/** Secure cookies (and their __Secure- prefix) whenever the public site is https. */
export function secureCookies(): boolean {
  return env.siteUrl.startsWith("https:");
}

export function sessionCookieName(): string {
  return secureCookies() ? "__Secure-authjs.session-token" : "authjs.session-token";
}

/** Both names, for the cheap "might be signed in" check in proxy.ts. */
export const SESSION_COOKIE_NAMES = ["authjs.session-token", "__Secure-authjs.session-token"] as const;

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
