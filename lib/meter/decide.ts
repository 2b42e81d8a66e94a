import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { boundedMemo } from "@/lib/bounded-memo";
import { networkOf, overLimit, spend, type Budget } from "@/lib/auth/rate-limits";
import { secureCookies } from "@/lib/auth/session-cookie";
import { env } from "@/lib/config/env";
import { withinMs } from "@/lib/deadline";
import { clientIp } from "@/lib/http/client-ip";
import { articleFacts, knownArticleFacts, type ArticleFacts } from "@/lib/articles/facts";
import { dayNumber, meterCookieValue, meterKey, meterSetCookie, networkTag, newMeterBrowser, readMeterCookie, readsInPeriod, writeMeterCookie, MAX_METER_COOKIE } from "./cookie";
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
  /** The free reads of the reader's variant in a running wall experiment (lib/experiments); else the meter's own. */
  allowance?: number | null;
  now?: Date;
};

/** The meter's settings with the reader's wall experiment variant's free reads, when it sets some. */
const forReader = (settings: MeterSettings, req: MeterRequest): MeterSettings =>
  req.allowance ? { ...settings, allowance: req.allowance } : settings;

let key: Buffer | undefined;
const signingKey = () => (key ??= meterKey(authSecret()));

/**
 * Cookies this process has checked, and what they said: a reader's every page view
 * brings the same cookie until a free read changes it, so each is checked once. The
 * answer depends on nothing but the value and this process's key.
 */
const checkCookie = boundedMemo((value) => readMeterCookie(signingKey(), value), { max: 5_000, maxLength: MAX_METER_COOKIE });

/** The client's network (IPv4 /24, IPv6 /48) and its tag in the cookie, per client address. */
const clientNetwork = boundedMemo(
  (ip) => {
    const network = networkOf(ip).network;
    return { network, tag: networkTag(signingKey(), network) };
  },
  { max: 5_000, maxLength: 64 },
);

const ANONYMOUS: MeterChoice = { render: "anonymous" };

/** What the database said of a free read: the network's daily cap, the browser's allowance. */
type Counted = "allows" | "network-over" | "browser-over";

/** The reads of this period, the browser's id, and the network, from what the request brings. */
function readerOf(settings: MeterSettings, req: MeterRequest, now: Date) {
  const value = meterCookieValue(req.cookieHeader);
  const cookie = value === null ? null : checkCookie(value);
  if (cookie && !cookie.ok) return null;
  return {
    reads: cookie ? readsInPeriod(cookie.reads, settings.period, now) : [],
    browser: cookie ? cookie.browser : null,
    net: clientNetwork(clientIp(req.headers)),
  };
}

/**
 * The choice once the meter's settings and the article are known. A read that uses a
 * free read also needs what the database counts (`counted`); while it is not given the
 * answer is null.
 */
function decide(settings: MeterSettings, article: ArticleFacts, req: MeterRequest, counted?: Counted, browserId?: string): MeterChoice | null {
  if (!settings.enabled || !article || !article.premium || !article.metered) return ANONYMOUS;
  const now = req.now ?? new Date();
  const reader = readerOf(settings, req, now);
  if (!reader) return { render: "spent" };
  const { reads, net } = reader;
  // Reading the same article again within the period, on the network that paid for it,
  // costs nothing. Elsewhere (a cookie carried or copied to another network) it is a new read.
  if (reads.some((r) => r.articleId === article.id && r.net === net.tag)) {
    return { render: `metered-${Math.max(0, settings.allowance - reads.length)}` };
  }
  if (reads.length >= settings.allowance) return { render: "spent" };
  if (!req.counting) return ANONYMOUS;
  // A free read used: counted per client network per day, and per browser per period, in
  // one statement. A cookie says only what this browser read; one kept from before and
  // put back (or none at all) would otherwise sample without end, and parallel requests
  // with one cookie would each see the same free reads left.
  if (counted === undefined) return null;
  if (counted === "network-over") return ANONYMOUS;
  if (counted === "browser-over") return { render: "spent" };
  const after = [...reads, { articleId: article.id, day: dayNumber(now), net: net.tag }];
  const left = settings.allowance - after.length;
  const setCookie = meterSetCookie(writeMeterCookie(signingKey(), browserId ?? reader.browser ?? newMeterBrowser(), after), secureCookies());
  return { render: `metered-${left}`, setCookie, freeRead: left === 0 ? "last" : "free" };
}

/** The browser's count of free reads this period: its key and how long it lasts. */
function browserBudget(settings: MeterSettings, browser: string, now: Date): Budget {
  if (settings.period === "rolling30") {
    // A window that starts with the first free read holds no read older than 30 days, so
    // it never counts more than the cookie's rolling 30 days would.
    return { key: `meter:b:${browser}:r30`, limit: settings.allowance, windowSeconds: 30 * 24 * 60 * 60 };
  }
  const month = `${now.getUTCFullYear()}-${now.getUTCMonth() + 1}`;
  const end = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  return { key: `meter:b:${browser}:${month}`, limit: settings.allowance, windowSeconds: Math.max(1, Math.ceil((end - now.getTime()) / 1000)) };
}

/**
 * `decide` for a read that uses a free read: after the one statement that counts free
 * reads per client network per day and per browser per period, so that clearing, refusing
 * or putting back cookies cannot give unlimited reads, nor parallel requests more than
 * the allowance (on any number of web processes: the counts are in PostgreSQL).
 */
async function decideWithCounts(settings: MeterSettings, article: ArticleFacts, req: MeterRequest): Promise<MeterChoice> {
  const now = req.now ?? new Date();
  const reader = readerOf(settings, req, now)!;
  const browser = reader.browser ?? newMeterBrowser();
  const [network, ofBrowser] = await spend([
    { key: `meter:net:${reader.net.network}`, limit: env.meterDailyCap, windowSeconds: 24 * 60 * 60 },
    browserBudget(settings, browser, now),
  ]);
  const counted: Counted = overLimit([network]) ? "network-over" : overLimit([ofBrowser]) ? "browser-over" : "allows";
  return decide(settings, article, req, counted, browser) as MeterChoice;
}

/**
 * How long a page waits for what the meter asks the database (the settings, the article,
 * the network's count) before it fails: the front server then serves the gate, as when the
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
 * (decideWithCounts).
 */
export function meterChoice(req: MeterRequest): Promise<MeterChoice> {
  return withinDeadline(askAndDecide(req));
}

async function askAndDecide(req: MeterRequest): Promise<MeterChoice> {
  const settings = forReader(await meterSettings(), req);
  if (!settings.enabled) return ANONYMOUS;
  const article = await articleFacts(req.slug);
  return decide(settings, article, req) ?? decideWithCounts(settings, article, req);
}

/**
 * The same choice with no wait when this process knows the settings and the article
 * and the read uses no free read; else a promise of it.
 */
export function meterChoiceNow(req: MeterRequest): MeterChoice | Promise<MeterChoice> {
  const known = knownMeterSettings();
  const settings = known && forReader(known, req);
  if (settings && !settings.enabled) return ANONYMOUS;
  const article = settings && knownArticleFacts(req.slug);
  if (!settings || !article) return meterChoice(req);
  return decide(settings, article.value, req) ?? withinDeadline(decideWithCounts(settings, article.value, req));
}
