// What a provider told Lede, in one shape whatever the provider. Verifiers
// (providers/*.ts) turn a verified request into these; record.ts acts on them.

export const PROVIDERS = ["ses", "postmark", "sendgrid", "mailgun", "resend"] as const;
export type Provider = (typeof PROVIDERS)[number];

export type EventKind = "bounce" | "soft-bounce" | "complaint" | "unsubscribe";

export type ProviderEvent = {
  provider: Provider | "imap" | "smtp";
  /** Unique per event at the provider: a second event with the same id changes nothing. */
  id: string;
  kind: EventKind;
  /** The recipient as the provider names it (lowercased), when it does. */
  email: string | null;
  /** What names Lede's delivery: a delivery token, a Message-ID, a VERP address. */
  deliveryHints: string[];
  occurredAt: Date;
  /** The provider's own words (diagnostic code, feedback type), for the desk. */
  detail: string;
};

export type Verified = { ok: true; events: ProviderEvent[]; answer?: string };
export type Refused = { ok: false; status: 400 | 401; reason: string };
export type VerifyResult = Verified | Refused;

/** How far a signed timestamp may be from now, either way (a replay past it is refused). */
export const TOLERANCE_SECONDS = 300;

export function freshTimestamp(seconds: number, now = Date.now()): boolean {
  return Number.isFinite(seconds) && Math.abs(now / 1000 - seconds) <= TOLERANCE_SECONDS;
}

export const refused = (status: 400 | 401, reason: string): Refused => ({ ok: false, status, reason });

/** A string field of a parsed JSON value, or null. */
export function str(v: unknown, max = 2000): string | null {
  return typeof v === "string" && v.length <= max ? v : null;
}

/** An address as an event names it, lowercased, or null when it is not one. */
export function address(v: unknown): string | null {
  const s = str(v, 320)?.trim();
  if (!s) return null;
  const inner = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(s)?.[1] ?? s;
  return /^[^\s@<>]+@[^\s@<>]+$/.test(inner) ? inner.toLowerCase() : null;
}

export function dateOr(v: unknown, fallback: Date): Date {
  if (typeof v === "number" && Number.isFinite(v)) return new Date(v < 1e12 ? v * 1000 : v);
  if (typeof v === "string") {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fallback;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON.parse that answers null instead of throwing. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/** Lede's delivery header and the Message-ID among a payload's [{name, value}] headers. */
export function headerHints(list: unknown, max = 100): string[] {
  const hints: string[] = [];
  if (!Array.isArray(list)) return hints;
  for (const h of list.slice(0, max)) {
    if (!isObject(h)) continue;
    const name = str(h.name, 100)?.toLowerCase();
    const value = str(h.value, 300);
    if (value && (name === "x-lede-delivery" || name === "message-id")) hints.push(value);
  }
  return hints;
}
