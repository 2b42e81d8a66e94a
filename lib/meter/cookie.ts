// The meter's cookie: which metered articles this browser read in full, when, and on which
// client network. Signed with the app's secret; a cookie that does not verify (tampered,
// truncated, or signed with an old secret) counts as spent, never as fresh.
import crypto from "node:crypto";
import { cookieValue, decodeCookie } from "@/lib/http/cookies";

export const METER_COOKIE = "lede-meter";
/** Long enough for any period; the reads in it say which count. */
export const METER_COOKIE_MAX_AGE = 40 * 24 * 60 * 60;

/** No cookie of ours is longer: a longer one is not ours. */
export const MAX_METER_COOKIE = 512;

/**
 * One free read: the article, the UTC day, and a tag of the client network it was paid
 * for on (networkTag). A re-read is free only on that network: elsewhere it is a new read.
 */
export type Read = { articleId: number; day: number; net: string };
/**
 * `browser`: a random id the meter gave this browser with its first free read; its free
 * reads are counted per period in PostgreSQL too, so that parallel requests with one
 * cookie never read more than the allowance.
 */
export type MeterCookie = { ok: true; browser: string; reads: Read[] } | { ok: false };

const DAY_MS = 24 * 60 * 60 * 1000;
/** UTC days since 1970: the day a read happened. */
export const dayNumber = (at: Date) => Math.floor(at.getTime() / DAY_MS);

function signature(key: Buffer, payload: string): string {
  return crypto.createHmac("sha256", key).update(payload).digest("base64url").slice(0, 22);
}

/** The key for meter cookies, derived from the app's secret. */
export function meterKey(secret: string): Buffer {
  return crypto.createHmac("sha256", secret).update("meter-cookie").digest();
}

/** A short tag of a client network (IPv4 /24, IPv6 /48), keyed so it says nothing of it. */
export function networkTag(key: Buffer, network: string): string {
  return crypto.createHmac("sha256", key).update(`net\0${network}`).digest("base64url").slice(0, 6);
}

/** A new browser id for the meter. */
export const newMeterBrowser = () => crypto.randomBytes(9).toString("base64url");

const V1_ENTRY = /^([0-9a-z]{1,8}):([0-9a-z]{1,6})$/;
const ENTRY = /^([0-9a-z]{1,8}):([0-9a-z]{1,6}):([A-Za-z0-9_-]{6})$/;
const BROWSER = /^[A-Za-z0-9_-]{12}$/;

/** `v2.<browser>.<articleId:day:net,…>.<signature>` — ids and days in base 36. */
export function writeMeterCookie(key: Buffer, browser: string, reads: Read[]): string {
  const payload = `v2.${browser}.${reads.map((r) => `${r.articleId.toString(36)}:${r.day.toString(36)}:${r.net}`).join(",")}`;
  return `${payload}.${signature(key, payload)}`;
}

export function readMeterCookie(key: Buffer, value: string): MeterCookie {
  if (value.length > MAX_METER_COOKIE) return { ok: false };
  const dot = value.lastIndexOf(".");
  if (dot < 0) return { ok: false };
  const payload = value.slice(0, dot);
  const given = Buffer.from(value.slice(dot + 1));
  const wanted = Buffer.from(signature(key, payload));
  if (given.length !== wanted.length || !crypto.timingSafeEqual(given, wanted)) return { ok: false };
  const parts = payload.split(".");
  // A cookie from before reads were bound to a network: its reads count, none is a free
  // re-read, and its browser is named after its signature (one cookie, one browser).
  if (parts[0] === "v1" && parts.length === 2) return entries(parts[1], V1_ENTRY, given.toString().slice(0, 12));
  if (parts[0] === "v2" && parts.length === 3 && BROWSER.test(parts[1])) return entries(parts[2], ENTRY, parts[1]);
  return { ok: false };
}

function entries(list: string, pattern: RegExp, browser: string): MeterCookie {
  const reads: Read[] = [];
  for (const entry of list === "" ? [] : list.split(",")) {
    const m = pattern.exec(entry);
    if (!m) return { ok: false };
    reads.push({ articleId: parseInt(m[1], 36), day: parseInt(m[2], 36), net: m[3] ?? "" });
  }
  return { ok: true, browser, reads };
}

/** The reads that count now: this calendar month (UTC), or the last 30 days. */
export function readsInPeriod(reads: Read[], period: "month" | "rolling30", now: Date): Read[] {
  const today = dayNumber(now);
  if (period === "rolling30") return reads.filter((r) => r.day > today - 30 && r.day <= today);
  const monthStart = dayNumber(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
  return reads.filter((r) => r.day >= monthStart && r.day <= today);
}

/**
 * The meter cookie's value in a Cookie header, or null. A value that does not decode
 * (a stray `%`) is given as it came: no signature matches it, so it counts as spent.
 */
export function meterCookieValue(cookieHeader: string | undefined): string | null {
  const raw = cookieValue(cookieHeader, METER_COOKIE);
  return raw === null ? null : (decodeCookie(raw) ?? raw);
}

export function meterSetCookie(value: string, secure: boolean): string {
  return `${METER_COOKIE}=${value}; Path=/; Max-Age=${METER_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}
