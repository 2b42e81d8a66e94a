import "server-only";
import { env } from "@/lib/config/env";

/**
 * Who the passkeys belong to: the relying party is the host of SITE_URL, and an answer
 * counts only when the browser made it on SITE_URL's origin. Every web process behind
 * one SITE_URL accepts every passkey of the site.
 */
export function relyingParty(): { id: string; origin: string; name: string } {
  const site = new URL(env.siteUrl);
  return { id: site.hostname, origin: site.origin, name: env.siteName };
}

/** How long a browser has to answer a challenge (the browser's own prompt times out first). */
export const CHALLENGE_SECONDS = 5 * 60;
