// Where a reader came from, as a class: from the `ref` in the page's address (Lede's own
// newsletter links carry ref=newsletter and their issue) or else the Referer. Nothing
// about the reader is kept: only the class, the referring site's host for "other", and
// the newsletter issue.

export const SOURCES = ["search", "social", "newsletter", "site", "other", "direct", "gift"] as const;
export type Source = (typeof SOURCES)[number];
export type Referral = { source: Source; host: string; issueId: number };

export const SOURCE_LABELS: Record<Source | "bot", string> = {
  search: "Search engines",
  social: "Social networks",
  newsletter: "Your newsletter",
  site: "Your own pages",
  other: "Other sites",
  direct: "Direct (no referrer)",
  gift: "Gift links from members",
  bot: "Bots and crawlers",
};

// Registrable names (the host or any parent domain). Search engines and social networks
// put their name in the host; no maintained package keeps such a list for Node.
const SEARCH = new Set([
  "google", "bing.com", "duckduckgo.com", "search.yahoo.com", "yahoo.co.jp", "yandex", "ya.ru", "baidu.com",
  "ecosia.org", "search.brave.com", "startpage.com", "qwant.com", "kagi.com", "naver.com", "seznam.cz",
  "sogou.com", "yep.com", "perplexity.ai", "search.aol.com", "so.com",
]);
const SOCIAL = new Set([
  "facebook.com", "fb.com", "fb.me", "messenger.com", "instagram.com", "t.co", "twitter.com", "x.com",
  "linkedin.com", "lnkd.in", "reddit.com", "redd.it", "threads.net", "threads.com", "bsky.app", "mastodon.social",
  "mastodon.online", "mstdn.social", "youtube.com", "youtu.be", "tiktok.com", "pinterest.com", "pin.it",
  "news.ycombinator.com", "tumblr.com", "vk.com", "ok.ru", "weibo.com", "telegram.org", "t.me", "whatsapp.com",
  "wa.me", "snapchat.com", "flipboard.com", "discord.com", "quora.com",
]);

const MAX_HOST = 253;
const HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

/** A DNS host name, lowercased and without "www.", or null when it is not one. */
export function cleanHost(raw: string): string | null {
  const host = raw.toLowerCase().replace(/\.$/, "");
  if (host.length > MAX_HOST || !HOST.test(host)) return null;
  const bare = host.replace(/^(?:www\d?|m|mobile|l|lm|amp)\./, "");
  return HOST.test(bare) ? bare : host;
}

/** The host's class by its name: itself or a parent domain is known, or a Google of any country. */
function classOfHost(host: string): "search" | "social" | null {
  const labels = host.split(".");
  for (let i = 0; i < labels.length - 1; i++) {
    const name = labels.slice(i).join(".");
    if (SEARCH.has(name)) return "search";
    if (SOCIAL.has(name)) return "social";
  }
  // google.com, google.co.uk, news.google.de; yandex.ru, yandex.com.tr
  if (/(?:^|\.)(?:google|yandex)\.(?:[a-z]{2,3}|com?\.[a-z]{2})$/.test(host)) return "search";
  return null;
}

const DIRECT: Referral = { source: "direct", host: "", issueId: 0 };

/**
 * A member's gift link: never read from an address or a Referer (anyone can write
 * ref=gift), only given by lib/gifts for a link it found valid.
 */
export const GIFT_REFERRAL: Referral = { source: "gift", host: "", issueId: 0 };

/** This site's host as the classes compare it: lowercased, without "www.". */
export const siteHostOf = (siteUrl: string) => new URL(siteUrl).hostname.toLowerCase().replace(/^www\./, "");

function fromHost(hostname: string, siteHost: string): Referral {
  if (hostname.toLowerCase().replace(/^www\./, "") === siteHost) return { source: "site", host: "", issueId: 0 };
  const host = cleanHost(hostname);
  if (!host) return DIRECT;
  const known = classOfHost(host);
  return known ? { source: known, host: "", issueId: 0 } : { source: "other", host, issueId: 0 };
}

function parse(url: string, base?: string): URL | null {
  if (url.length > 4096) return null;
  try {
    return new URL(url, base);
  } catch {
    return null;
  }
}

/** The `ref` in an address: "newsletter" (with its issue), a known site's name, or another site's host. */
function fromRef(params: URLSearchParams, siteHost: string): Referral | null {
  const ref = params.get("ref");
  if (ref === null || ref === "") return null;
  if (ref.toLowerCase() === "newsletter") {
    const issue = params.get("issue");
    const issueId = issue && /^[1-9][0-9]{0,8}$/.test(issue) ? Number(issue) : 0;
    return { source: "newsletter", host: "", issueId };
  }
  const name = ref.toLowerCase();
  if (name === "google" || name === "bing" || name === "duckduckgo") return { source: "search", host: "", issueId: 0 };
  if (["facebook", "twitter", "x", "linkedin", "reddit", "mastodon", "bluesky", "threads", "instagram"].includes(name)) {
    return { source: "social", host: "", issueId: 0 };
  }
  return fromHost(ref, siteHost);
}

export type ReferralInput = {
  /** The address the reader asked for (path and query are enough). */
  url: string;
  /** The Referer header, or (for a join) the page's document.referrer. */
  referer: string | null | undefined;
  /** This site's host, as readers see it (SITE_URL's). */
  siteHost: string;
};

/** The source class of one page view or join. Never throws, whatever the input. */
export function referralOf({ url, referer, siteHost }: ReferralInput): Referral {
  const q = url.indexOf("?");
  if (q >= 0 && url.includes("ref=")) {
    const ref = fromRef(new URLSearchParams(url.slice(q + 1, q + 1 + 4096)), siteHost);
    if (ref) return ref;
  }
  if (!referer) return DIRECT;
  const from = parse(referer);
  if (!from || (from.protocol !== "https:" && from.protocol !== "http:")) return DIRECT;
  return fromHost(from.hostname, siteHost);
}

/**
 * A join's source: the `ref` of the page the form was on (the POST's Referer, which is
 * that page), else where the reader came to the site from (document.referrer, which the
 * form passes on when JavaScript runs).
 */
export function joinReferralOf(pageUrl: string | null, landingReferrer: string | null, siteHost: string): Referral {
  const page = pageUrl ? parse(pageUrl) : null;
  if (page && fromHost(page.hostname, siteHost).source === "site" && page.search.includes("ref=")) {
    const ref = fromRef(page.searchParams, siteHost);
    if (ref) return ref;
  }
  return referralOf({ url: "/", referer: landingReferrer, siteHost });
}
