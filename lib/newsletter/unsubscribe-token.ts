import "server-only";
import { keyedHash, sameDigest } from "@/lib/auth/crypto";
import { env } from "@/lib/config/env";

// A subscriber's unsubscribe token is their account id and a keyed hash of it: nothing
// to store, unguessable without AUTH_SECRET, and the same in every issue they get.

const mac = (userId: string) => keyedHash("unsubscribe", userId);

export function unsubscribeToken(userId: string): string {
  return `${userId}.${mac(userId)}`;
}

/** The account a token belongs to, or null when it was not made by this site. */
export function userIdFromToken(token: unknown): string | null {
  if (typeof token !== "string" || token.length > 200) return null;
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const userId = token.slice(0, dot);
  const given = token.slice(dot + 1);
  if (!/^[0-9a-f]{64}$/.test(given)) return null;
  return sameDigest(given, mac(userId)) ? userId : null;
}

/**
 * The one-click URL: List-Unsubscribe (POST) and the link in the body (GET shows a confirm
 * page). Serialised by URL, so it is ASCII (punycode host) as a mail header needs.
 */
export function unsubscribeUrl(userId: string): string {
  const url = new URL(`${env.siteUrl}/unsubscribe`);
  url.searchParams.set("token", unsubscribeToken(userId));
  return url.href;
}
