// Reader-supplied email addresses: normalised, validated and screened before any
// row or mail is made for them.
import { domainToASCII } from "node:url";
import { DISPOSABLE_DOMAINS } from "./disposable-domains";

export type AddressCheck =
  | { ok: true; email: string }
  | { ok: false; reason: "invalid" | "blocked" };

const MAX_INPUT = 1024;
const MAX_ADDRESS = 254;
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Trims, lowercases the domain, and rejects anything that is not one plain address. */
export function normaliseEmail(input: unknown): string | null {
  if (typeof input !== "string" || input.length > MAX_INPUT) return null;
  // Control characters (CR, LF, NUL…) anywhere are refused, not stripped: they are how
  // header injection is attempted.
  if (/[\u0000-\u001f\u007f]/.test(input.replace(/^[ \t]+|[ \t]+$/g, ""))) return null;
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_ADDRESS) return null;
  const at = trimmed.lastIndexOf("@");
  if (at <= 0 || at !== trimmed.indexOf("@")) return null;
  const local = trimmed.slice(0, at);
  const domain = domainToASCII(trimmed.slice(at + 1).toLowerCase());
  if (!domain || local.length > 64 || !LOCAL.test(local)) return null;
  const labels = domain.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  if (!/^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(labels.at(-1)!)) return null;
  const email = `${local}@${domain}`;
  return email.length > MAX_ADDRESS ? null : email;
}

function domainListed(domain: string, list: Iterable<string>): boolean {
  for (const blocked of list) {
    if (domain === blocked || domain.endsWith(`.${blocked}`)) return true;
  }
  return false;
}

/** The whole check: a valid address whose domain is neither disposable nor blocked. */
export function checkEmail(input: unknown, blockedDomains: string[] = []): AddressCheck {
  const email = normaliseEmail(input);
  if (!email) return { ok: false, reason: "invalid" };
  const domain = email.slice(email.lastIndexOf("@") + 1);
  if (domainListed(domain, DISPOSABLE_DOMAINS) || domainListed(domain, blockedDomains)) {
    return { ok: false, reason: "blocked" };
  }
  return { ok: true, email };
}
