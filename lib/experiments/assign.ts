// Which variant of the running wall experiment a reader without an account sees: the one
// their first-party cookie names, or, for a reader with none (or one naming another
// experiment or a variant that does not exist), one drawn at random and set in the
// cookie. Bots are never assigned. Pure, besides the random draw: unit-tested.
import crypto from "node:crypto";
import { cookieValue } from "@/lib/http/cookies";

export const WALL_COOKIE = "lede-wall";
/** A reader keeps their variant this long (the cookie is set again only if it changes). */
const WALL_COOKIE_MAX_AGE = 90 * 24 * 60 * 60;
export const MAX_VARIANTS = 4;

export type ExperimentShape = { id: number; variants: { length: number } };

/** The experiment and variant a `lede-wall` cookie names, as written by wallSetCookie; null for anything else. */
export function wallCookieOf(cookieHeader: string | undefined | null): { experimentId: number; variant: number } | null {
  const raw = cookieValue(cookieHeader ?? "", WALL_COOKIE);
  const m = raw === null ? null : /^([1-9][0-9]{0,8})\.([0-9])$/.exec(raw);
  return m ? { experimentId: Number(m[1]), variant: Number(m[2]) } : null;
}

/** The variant the reader's cookie holds for this experiment, if it is one of its variants. */
export function assignedVariant(cookieHeader: string | undefined | null, experiment: ExperimentShape): number | null {
  const cookie = wallCookieOf(cookieHeader);
  if (!cookie || cookie.experimentId !== experiment.id) return null;
  return cookie.variant < experiment.variants.length ? cookie.variant : null;
}

export function wallSetCookie(experimentId: number, variant: number, secure: boolean): string {
  return `${WALL_COOKIE}=${experimentId}.${variant}; Path=/; Max-Age=${WALL_COOKIE_MAX_AGE}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

export type WallChoice = { experimentId: number; variant: number; setCookie?: string };

export type AssignInput = {
  experiment: ExperimentShape | null;
  cookieHeader: string | undefined | null;
  /** Is the requester a bot (by user agent; one that names none counts as one)? */
  bot: boolean;
  secure: boolean;
  /** 0 ≤ pick(n) < n; a uniform draw by default. */
  pick?: (n: number) => number;
};

/** The reader's variant (and the cookie to set when it is new), or null: no experiment, or a bot. */
export function assignVariant({ experiment, cookieHeader, bot, secure, pick = crypto.randomInt }: AssignInput): WallChoice | null {
  if (!experiment || experiment.variants.length < 2 || bot) return null;
  const kept = assignedVariant(cookieHeader, experiment);
  if (kept !== null) return { experimentId: experiment.id, variant: kept };
  const variant = pick(experiment.variants.length);
  return { experimentId: experiment.id, variant, setCookie: wallSetCookie(experiment.id, variant, secure) };
}
