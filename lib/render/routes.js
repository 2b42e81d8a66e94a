// Which render of the front page or an article a request gets (README: "How a page is
// served"). Plain CommonJS: server.js uses it before Next, next.config.js for rewrites.
"use strict";

const { cookieValue } = require("../http/cookies");

/** The render server.js chose for a request ("none": the per-request pages); clients' are dropped. */
const RENDER_HEADER = "x-lede-render";

/**
 * The cached renders live under app/render~/[render]/…; "metered-<n>" and "spent" are the
 * meter's; "gate-<v>" and "spent-<v>" the gate and the meter's wall in variant v of a
 * running wall experiment (lib/experiments).
 */
const RENDER_ROOT = "/render~";
const FRONT_RENDERS = ["anonymous", "member"];
const MAX_VARIANTS = 4;
const VARIANT_RENDERS = Array.from({ length: MAX_VARIANTS }, (_, v) => [`gate-${v}`, `spent-${v}`]).flat();
const ARTICLE_RENDERS = ["anonymous", "member", "spent", ...Array.from({ length: 10 }, (_, n) => `metered-${n}`), ...VARIANT_RENDERS];
const RENDERS = { anonymous: `${RENDER_ROOT}/anonymous`, member: `${RENDER_ROOT}/member` };

/** Auth.js's session cookie, under https with its __Secure- prefix: its one spelling. */
const SESSION_COOKIE_NAME = "authjs.session-token";
const SESSION_COOKIES = [SESSION_COOKIE_NAME, `__Secure-${SESSION_COOKIE_NAME}`];
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:__Secure-)?${SESSION_COOKIE_NAME.replace(/\./g, "\\.")}=([^;\\s]+)`);
const PAGE_WITH_RENDERS = /^\/(?:articles\/[^/?]+\/?)?(?:\?.*)?$/;

/** The reader's address for the masthead of the members' render, which names no one. */
const WHO_COOKIE = "lede-who";

/** The session cookie's value, or null without one. */
/** @param {string | undefined} cookieHeader */
function sessionCookie(cookieHeader) {
  const m = SESSION_COOKIE.exec(cookieHeader || "");
  return m ? m[1] : null;
}

/** "/" and "/articles/<slug>" (any query): the pages that have cached renders. */
/** @param {string} url */
function hasRenders(url) {
  return PAGE_WITH_RENDERS.test(url);
}

/**
 * The render's own path (query kept) for a plain request; null for a trailing slash, which
 * Next redirects first. RSC requests take the rewrites: Next's redirects keep the public URL.
 */
/** @param {string} url @param {string} render */
function renderUrl(url, render) {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== "/" && path.endsWith("/")) return null;
  const page = path === "/" ? "front" : path.slice(1);
  return `${RENDER_ROOT}/${render}/${page}${q < 0 ? "" : url.slice(q)}`;
}

/**
 * The render of a reader in a wall experiment's variant: the gate ("anonymous") and the
 * meter's wall ("spent") in the variant's words; a free read (the meter's notice) as it is.
 * @param {string} render @param {{ variant: number } | null | undefined} variant
 */
function variantRender(render, variant) {
  if (!variant || !(variant.variant >= 0 && variant.variant < MAX_VARIANTS)) return render;
  if (render === "anonymous") return `gate-${variant.variant}`;
  if (render === "spent") return `spent-${variant.variant}`;
  return render;
}

/** The slug of an article URL ("/articles/<slug>", any query), or null. */
/** @param {string} url */
function articleSlug(url) {
  const m = /^\/articles\/([^/?]+)(?:\?|$)/.exec(url);
  return m ? m[1] : null;
}

/** next.config.js's rewrites: by server.js's header, or without server.js, anonymous for no session cookie. */
/** @returns {import("next/dist/lib/load-custom-routes").Rewrite[]} */
function renderRewrites() {
  /** @param {readonly string[]} names @returns {import("next/dist/lib/load-custom-routes").RouteHas} */
  const chosen = (names) => ({ type: "header", key: RENDER_HEADER, value: `(?<render>${names.join("|")})` });
  /** @type {import("next/dist/lib/load-custom-routes").RouteHas[]} */
  const withoutServer = [{ type: "header", key: RENDER_HEADER }, ...SESSION_COOKIES.map((key) => ({ type: /** @type {const} */ ("cookie"), key }))];
  return [
    { source: "/", has: [chosen(FRONT_RENDERS)], destination: `${RENDER_ROOT}/:render/front` },
    { source: "/articles/:slug", has: [chosen(ARTICLE_RENDERS)], destination: `${RENDER_ROOT}/:render/articles/:slug` },
    { source: "/", missing: withoutServer, destination: `${RENDERS.anonymous}/front` },
    { source: "/articles/:slug", missing: withoutServer, destination: `${RENDERS.anonymous}/articles/:slug` },
  ];
}

/** Does this URL name a render's folder itself, in any spelling? Only the rewrites may route there. */
/** @param {string} url */
function namesRender(url) {
  let path = String(url).split("?")[0];
  for (let i = 0; i < 5; i++) {
    let decoded;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return path.toLowerCase().includes("render");
    }
    if (decoded === path) break;
    path = decoded;
  }
  return path.toLowerCase().includes("render~");
}

/** The Set-Cookie that puts WHO_COOKIE in step with the session (`email`; null clears it), or null if it is. */
/** @param {string | undefined} cookieHeader @param {string | null} email @param {boolean} secure */
function whoCookieUpdate(cookieHeader, email, secure) {
  const value = email ? encodeURIComponent(email) : "";
  if ((cookieValue(cookieHeader, WHO_COOKIE) ?? "") === value) return null;
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return email ? `${WHO_COOKIE}=${value}; ${attributes}` : `${WHO_COOKIE}=; Max-Age=0; ${attributes}`;
}

module.exports = {
  RENDER_HEADER,
  RENDER_ROOT,
  RENDERS,
  FRONT_RENDERS,
  ARTICLE_RENDERS,
  articleSlug,
  SESSION_COOKIES,
  WHO_COOKIE,
  sessionCookie,
  hasRenders,
  renderUrl,
  variantRender,
  renderRewrites,
  namesRender,
  whoCookieUpdate,
};
