import "server-only";
import { keyedHash, sameDigest } from "@/lib/auth/crypto";
import { env } from "@/lib/config/env";

// A subscriber's unsubscribe token names their account and what it leaves: one newsletter
// (its id) or all of them ("all"), with a keyed hash of both: nothing to store, unguessable
// without AUTH_SECRET, and one newsletter's token cannot leave another. Tokens from before
// there were several newsletters ("<user>.<mac>") leave the first newsletter, the only one
// they were ever sent for.

export type UnsubscribeScope = number | "all";
export type UnsubscribeTarget = { userId: string; scope: UnsubscribeScope };

const LEGACY_NEWSLETTER = 1;
const mac = (userId: string, scope: UnsubscribeScope) => keyedHash("unsubscribe", `${userId}\n${scope}`);
const legacyMac = (userId: string) => keyedHash("unsubscribe", userId);

export function unsubscribeToken(userId: string, scope: UnsubscribeScope): string {
  return `${userId}.${scope}.${mac(userId, scope)}`;
}

/** The account and scope a token stands for, or null when it was not made by this site. */
export function targetFromToken(token: unknown): UnsubscribeTarget | null {
  if (typeof token !== "string" || token.length > 240) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const given = token.slice(dot + 1);
  if (!/^[0-9a-f]{64}$/.test(given)) return null;
  const head = token.slice(0, dot);
  const scopeDot = head.lastIndexOf(".");
  if (scopeDot > 0) {
    const scopeText = head.slice(scopeDot + 1);
    const userId = head.slice(0, scopeDot);
    const scope: UnsubscribeScope | null = scopeText === "all" ? "all" : /^[1-9][0-9]{0,8}$/.test(scopeText) ? Number(scopeText) : null;
    if (scope !== null && sameDigest(given, mac(userId, scope))) return { userId, scope };
  }
  return sameDigest(given, legacyMac(head)) ? { userId: head, scope: LEGACY_NEWSLETTER } : null;
}

/**
 * The one-click URL: List-Unsubscribe (POST) and the link in the body (GET shows a confirm
 * page). Serialised by URL, so it is ASCII (punycode host) as a mail header needs.
 */
export function unsubscribeUrl(userId: string, scope: UnsubscribeScope): string {
  const url = new URL(`${env.siteUrl}/unsubscribe`);
  url.searchParams.set("token", unsubscribeToken(userId, scope));
  return url.href;
}
