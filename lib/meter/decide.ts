import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { boundedMemo } from "@/lib/bounded-memo";
import { networkOf, overLimit, spend } from "@/lib/auth/rate-limits";
import { secureCookies } from "@/lib/auth/session-cookie";
import { env } from "@/lib/config/env";
import { withinMs } from "@/lib/deadline";
import { clientIp } from "@/lib/http/client-ip";
import { articleFacts, knownArticleFacts, type ArticleFacts } from "@/lib/articles/facts";
import { dayNumber, meterCookieValue, meterKey, meterSetCookie, readMeterCookie, readsInPeriod, writeMeterCookie, type Read, MAX_METER_COOKIE } from "./cookie";
import { knownMeterSettings, meterSettings, type MeterSettings } from "./settings";

/**
 * The render a reader without an account gets for an article while the meter is on:
 * "anonymous" (the lede and gate: the article is free, members only, or not counted);
 * "metered-<n>" (the whole article, with the notice: n free reads left after this one);
 * "spent" (the wall: this period's free reads are used up, or the cookie is not ours).
 */
export type MeterRender = "anonymous" | "spent" | `metered-${number}`;
/** `freeRead`: this request used one of the reader's free reads ("last": their last one). */
export type MeterChoice = { render: MeterRender; setCookie?: string; freeRead?: "free" | "last" };

export type MeterRequest = {
  slug: string;
  cookieHeader: string | undefined;
  headers: Pick<Headers, "get">;
  /** A page load or navigation (GET, not a prefetch): only these use a free read. */
  counting: boolean;
  now?: Date;
};

let key: Buffer | undefined;
const signingKey = () => (key ??= meterKey(authSecret()));

/**
 * Cookies this process has checked, and what they said: a reader's every page view
 * brings the same cookie until a free read changes it, so each is checked once. The
 * answer depends on nothing but the value and this process's key.
 */
const checkCookie = boundedMemo((value) => readMeterCookie(signingKey(), value), { max: 5_000, maxLength: MAX_METER_COOKIE });

const ANONYMOUS: MeterChoice = { render: "anonymous" };

/**
 * The choice once the meter's settings and the article are known. A read that uses a
 * free read also needs the network's count: `network` says whether it allows one, and
 * while it is not given (undefined) the answer is null.
 */
function decide(settings: MeterSettings, article: ArticleFacts, req: MeterRequest, network?: "allows" | "over"): MeterChoice | null {
  if (!settings.enabled || !article || !article.premium || !article.metered) return ANONYMOUS;
  const now = req.now ?? new Date();
  const value = meterCookieValue(req.cookieHeader);
  let reads: Read[] = [];
  if (value !== null) {
    const cookie = checkCookie(value);
    if (!cookie.ok) return { render: "spent" };
    reads = readsInPeriod(cookie.reads, settings.period, now);
  }
  // Reading the same article again within the period costs nothing.
  if (reads.some((r) => r.articleId === article.id)) return { render: `metered-${Math.max(0, settings.allowance - reads.length)}` };
  if (reads.length >= settings.allowance) return { render: "spent" };
  if (!req.counting) return ANONYMOUS;
  // A free read used: also counted per client network per day, cookie or not. A cookie
  // says only what this browser read; one kept from before and put back (or none at
  // all) would otherwise sample without end.
  if (network === undefined) return null;
  if (network === "over") return ANONYMOUS;
  const after = [...reads, { articleId: article.id, day: dayNumber(now) }];
  const left = settings.allowance - after.length;
  const setCookie = meterSetCookie(writeMeterCookie(signingKey(), after), secureCookies());
  return { render: `metered-${left}`, setCookie, freeRead: left === 0 ? "last" : "free" };
}

/**
 * `decide` for a read that uses a free read: after the one query that counts free reads
 * per client network per day, so that clearing, refusing or putting back cookies cannot
 * give unlimited reads.
 */
async function decideWithNetworkCount(settings: MeterSettings, article: ArticleFacts, req: MeterRequest): Promise<MeterChoice> {
  const network = networkOf(clientIp(req.headers)).network;
  const spent = await spend([{ key: `meter:net:${network}`, limit: env.meterDailyCap, windowSeconds: 24 * 60 * 60 }]);
  return decide(settings, article, req, overLimit(spent) ? "over" : "allows") as MeterChoice;
}

/**
 * How long a page waits for what the meter asks the database (the settings, the article,
 * the network's count) before it fails: server.js then serves the gate, as when the
 * database is down, rather than hold the reader while it stalls.
 */
export const METER_WAIT_MS = 1500;

async function withinDeadline(choice: Promise<MeterChoice>): Promise<MeterChoice> {
  const answer = await withinMs(choice, METER_WAIT_MS);
  if (answer === "timeout") throw new Error(`the database did not answer the meter within ${METER_WAIT_MS} ms`);
  return answer;
}

/**
 * Reads the meter for one request. A re-read, the wall, a prefetch: nothing but memory,
 * the cookie says what this browser read. A read that uses a free read (a first visit,
 * cleared cookies, a browser that keeps none, or a new article) one query
 * (decideWithNetworkCount).
 */
export function meterChoice(req: MeterRequest): Promise<MeterChoice> {
  return withinDeadline(askAndDecide(req));
}

async function askAndDecide(req: MeterRequest): Promise<MeterChoice> {
  const settings = await meterSettings();
  if (!settings.enabled) return ANONYMOUS;
  const article = await articleFacts(req.slug);
  return decide(settings, article, req) ?? decideWithNetworkCount(settings, article, req);
}

/**
 * The same choice with no wait when this process knows the settings and the article
 * and the read uses no free read; else a promise of it.
 */
export function meterChoiceNow(req: MeterRequest): MeterChoice | Promise<MeterChoice> {
  const settings = knownMeterSettings();
  if (settings && !settings.enabled) return ANONYMOUS;
  const article = settings && knownArticleFacts(req.slug);
  if (!settings || !article) return meterChoice(req);
  return decide(settings, article.value, req) ?? withinDeadline(decideWithNetworkCount(settings, article.value, req));
}
