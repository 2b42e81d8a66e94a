import "server-only";
import { keyedHash, sameDigest } from "@/lib/auth/crypto";
import { env } from "@/lib/config/env";

// Each newsletter copy carries its delivery: in its Message-ID, in an X-Lede-Delivery
// header, in the provider's own metadata header and (plain SMTP) in its VERP Return-Path.
// The token is the delivery row's id and a keyed hash of it, so nothing is stored, and a
// bounce mail or report that names a delivery cannot be forged without AUTH_SECRET.

const MAC_CHARS = 20;
const mac = (deliveryId: string) => keyedHash("delivery", deliveryId).slice(0, MAC_CHARS);

/** "<delivery id>-<mac>": safe in a local part, a header and a Message-ID. */
export function deliveryToken(deliveryId: string | number): string {
  const id = String(deliveryId);
  return `${id}-${mac(id)}`;
}

/** The delivery id a token names, or null when this site did not make it. */
export function deliveryFromToken(token: unknown): number | null {
  if (typeof token !== "string" || token.length > 64) return null;
  const m = /^(\d{1,18})-([0-9a-f]{20})$/.exec(token.trim().toLowerCase());
  if (!m) return null;
  return sameDigest(m[2], mac(m[1])) ? Number(m[1]) : null;
}

/** The Message-ID of one copy: stable per delivery, so a copy re-sent after a crash keeps it. */
export function newsletterMessageId(issueId: number, deliveryId: string | number): string {
  return `<newsletter.${issueId}.${deliveryToken(deliveryId)}@${new URL(env.siteUrl).hostname}>`;
}

/** The delivery a Message-ID (with or without its angle brackets) names, when Lede made it. */
export function deliveryFromMessageId(messageId: unknown): number | null {
  if (typeof messageId !== "string" || messageId.length > 300) return null;
  const m = /newsletter\.\d{1,10}\.(\d{1,18}-[0-9a-fA-F]{20})@/.exec(messageId);
  return m ? deliveryFromToken(m[1]) : null;
}

/** The VERP Return-Path of one copy, when LEDE_BOUNCE_DOMAIN is set: bounces+<token>@<domain>. */
export function verpAddress(deliveryId: string | number): string | null {
  return env.bounceDomain ? `bounces+${deliveryToken(deliveryId)}@${env.bounceDomain}` : null;
}

/** The delivery a VERP address (as a bounce's To or Delivered-To) names. */
export function deliveryFromVerp(address: unknown): number | null {
  if (typeof address !== "string" || address.length > 300) return null;
  const m = /bounces\+(\d{1,18}-[0-9a-fA-F]{20})@/i.exec(address);
  return m ? deliveryFromToken(m[1]) : null;
}
