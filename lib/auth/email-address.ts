// Reader-supplied email addresses: validated and screened before any row or mail is
// made for them. An address's identity is the whole address, lowercased; it is shown
// (and mailed) as its owner typed it.
import { domainToASCII } from "node:url";
import { disposableEmailBlocklistSet } from "disposable-email-domains-js";

// Throw-away mail services: the community-maintained disposable-email-domains list (pinned;
// `npm update` brings its new entries). BLOCKED_EMAIL_DOMAINS adds a publisher's own.
const DISPOSABLE_DOMAINS: ReadonlySet<string> = disposableEmailBlocklistSet();

export type ParsedEmail = {
  /** The identity: trimmed, the whole address lowercased, the domain in punycode. */
  email: string;
  /** As typed (trimmed): what the reader sees and what the mail is sent to. */
  asTyped: string;
};

export type AddressCheck = ({ ok: true } & ParsedEmail) | { ok: false; reason: "invalid" | "blocked" };

const MAX_INPUT = 1024;
const MAX_ADDRESS = 254;
const LOCAL = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** One plain address, or null: no display names, quotes, comments or control characters. */
export function parseEmail(input: unknown): ParsedEmail | null {
  if (typeof input !== "string" || input.length > MAX_INPUT) return null;
  // Control characters (CR, LF, NUL…) anywhere inside are refused, not stripped: they
  // are how header injection is attempted.
  const asTyped = input.replace(/^[ \t]+|[ \t]+$/g, "");
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(asTyped)) return null;
  if (asTyped.length === 0 || asTyped.length > MAX_ADDRESS) return null;
  const at = asTyped.lastIndexOf("@");
  if (at <= 0 || at !== asTyped.indexOf("@")) return null;
  const local = asTyped.slice(0, at).toLowerCase();
  const domain = domainToASCII(asTyped.slice(at + 1).toLowerCase());
  if (!domain || local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (!/^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(labels.at(-1)!)) return null;
  const email = `${local}@${domain}`;
  return email.length > MAX_ADDRESS ? null : { email, asTyped };
}

/** The identity of an address (see parseEmail), or null. */
export function normaliseEmail(input: unknown): string | null {
  return parseEmail(input)?.email ?? null;
}

/** Is the domain, or a domain it is under (eu.mailinator.com under mailinator.com), listed? */
function domainListed(domain: string, listed: (d: string) => boolean): boolean {
  for (let d = domain; d.includes("."); d = d.slice(d.indexOf(".") + 1)) {
    if (listed(d)) return true;
  }
  return false;
}

/** The whole check: a valid address whose domain is neither disposable nor blocked. */
export function checkEmail(input: unknown, blockedDomains: string[] = []): AddressCheck {
  const parsed = parseEmail(input);
  if (!parsed) return { ok: false, reason: "invalid" };
  const domain = parsed.email.slice(parsed.email.lastIndexOf("@") + 1);
  if (domainListed(domain, (d) => DISPOSABLE_DOMAINS.has(d) || blockedDomains.includes(d))) {
    return { ok: false, reason: "blocked" };
  }
  return { ok: true, ...parsed };
}
