import { env } from "@/lib/env";
import routes from "@/lib/render/routes";

/** Secure cookies (and their __Secure- prefix) whenever the public site is https. */
export function secureCookies(): boolean {
  return env.siteUrl.startsWith("https:");
}

export function sessionCookieName(): string {
  const [plain, secure] = routes.SESSION_COOKIES;
  return secureCookies() ? secure : plain;
}

/** Both names (lib/render/routes.js, where server.js reads them too). */
export const SESSION_COOKIE_NAMES: readonly string[] = routes.SESSION_COOKIES;

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
