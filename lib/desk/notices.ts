// What the desk says after an action; pages read a code from ?notice=, never free text.
import { namedEntry } from "@/lib/http/named-entry";
import { safeCallbackPath } from "@/lib/http/redirect-target";

export const NOTICES = {
  created: "Draft saved.",
  saved: "Changes saved.",
  published: "Published: readers see it now.",
  unpublished: "Unpublished: readers no longer see it.",
  "premium-on": "Premium is on: anonymous readers now see the lede and the join gate.",
  "premium-off": "Premium is off: everyone can read the whole article.",
  "metered-on": "Metered: readers without an account may read it as one of their free articles while the meter is on.",
  "members-only": "Members only: readers without an account always get the join gate, whatever the meter allows.",
  "meter-saved": "Meter settings saved: every page follows them now.",
  "meter-unchanged": "Nothing to save: the meter already works that way.",
  "gifts-saved": "Gift link settings saved: every page and every link follows them now.",
  "gifts-unchanged": "Nothing to save: gift links already work that way.",
  "experiment-started": "Experiment started: readers without an account are now assigned a variant on every web process.",
  "experiment-ended": "Experiment ended: every reader now gets the variant you kept.",
  "guard-saved": "Send guard saved: every send from now on is weighed against these thresholds.",
  "guard-unchanged": "Nothing to save: the send guard already works that way.",
  deleted: "Article deleted.",
  applied: "Import applied.",
} as const;

export type NoticeCode = keyof typeof NOTICES;

export function noticeText(code: unknown): string | null {
  return namedEntry(NOTICES, code);
}

/** `path` with ?notice=code (and other params) added, keeping its own query. */
export function withNotice(path: string, code: NoticeCode, extra: Record<string, string> = {}): string {
  const url = new URL(path, "http://desk.invalid");
  url.searchParams.set("notice", code);
  for (const [k, v] of Object.entries(extra)) url.searchParams.set(k, v);
  return `${url.pathname}${url.search}`;
}

/** "Title is required. Slug is already used by …" */
export function fieldErrorSummary(errors: Partial<Record<string, string>>, labels: Record<string, string>): string {
  return Object.entries(errors)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([field, message]) => `${labels[field] ?? field} ${message}`.replace(/\.?$/, "."))
    .join(" ");
}

/** A desk path from a form's returnTo field (checked once normalised); anything else becomes `fallback`. */
export function deskPath(value: string | undefined, fallback = "/desk"): string {
  const path = safeCallbackPath(value, fallback);
  return /^\/desk(\/|\?|#|$)/.test(path) && path.length < 1000 ? path : fallback;
}
