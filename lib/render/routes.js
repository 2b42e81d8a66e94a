// Which render of the front page or an article a request gets. Plain CommonJS: server.js
// uses it before Next sees a request, and next.config.js takes its rewrites. The story
// is in the README ("How a page is served").
"use strict";

/**
 * Set by server.js on every request (it drops any x-lede-* header a client sends):
 * "anonymous" or "member" for a cached render, "none" for everything else.
 */
const RENDER_HEADER = "x-lede-render";

/**
 * The cached renders, under app/render~/[render]/…: "anonymous", the lede and gate, for
 * anyone without a session; "member", the premium text, shared by every member, naming
 * no one; and for articles while the meter is on (lib/meter): "metered-<n>", the whole
 * article with the meter's notice (n free reads left), and "spent", its wall. Editors
 * (and, without server.js, every signed-in reader) get the per-request pages of
 * app/page.tsx and app/articles/[slug].
 */
const RENDER_ROOT = "/render~";
const FRONT_RENDERS = ["anonymous", "member"];
const ARTICLE_RENDERS = ["anonymous", "member", "spent", ...Array.from({ length: 10 }, (_, n) => `metered-${n}`)];
const RENDERS = { anonymous: `${RENDER_ROOT}/anonymous`, member: `${RENDER_ROOT}/member` };

/** Auth.js's session cookie, under https with its __Secure- prefix: its one spelling. */
const SESSION_COOKIE_NAME = "authjs.session-token";
const SESSION_COOKIES = [SESSION_COOKIE_NAME, `__Secure-${SESSION_COOKIE_NAME}`];
const SESSION_COOKIE = new RegExp(`(?:^|;)\\s*(?:__Secure-)?${SESSION_COOKIE_NAME.replace(/\./g, "\\.")}=([^;\\s]+)`);
const PAGE_WITH_RENDERS = /^\/(?:articles\/[^/?]+\/?)?(?:\?.*)?$/;

/**
 * The members' render names no one; the header shows the reader's own address from
 * this cookie, which server.js sets on the responses it verified a member's session for.
 */
const WHO_COOKIE = "lede-who";

/** The session cookie's value, or null without one. */
function sessionCookie(cookieHeader) {
  const m = SESSION_COOKIE.exec(cookieHeader || "");
  return m ? m[1] : null;
}

/** "/" and "/articles/<slug>" (any query): the pages that have cached renders. */
function hasRenders(url) {
  return PAGE_WITH_RENDERS.test(url);
}

/**
 * Where server.js serves a plain request (a page load, HEAD) for a chosen render from:
 * the render's own path, query kept; null when the URL is not one it can say so for
 * (a trailing slash, which Next first redirects). Requests for the RSC payload (client
 * navigations, prefetches) go through the rewrites below instead: Next redirects some
 * of those to the URL it was asked for, which must stay the public one.
 */
function renderUrl(url, render) {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (path !== "/" && path.endsWith("/")) return null;
  const page = path === "/" ? "front" : path.slice(1);
  return `${RENDER_ROOT}/${render}/${page}${q < 0 ? "" : url.slice(q)}`;
}

/** The slug of an article URL ("/articles/<slug>", any query), or null. */
function articleSlug(url) {
  const m = /^\/articles\/([^/?]+)(?:\?|$)/.exec(url);
  return m ? m[1] : null;
}

/**
 * next.config.js's rewrites: the render server.js chose (its header), or, where
 * server.js is not in front (`next dev`, `next start`: no header at all), the anonymous
 * render for requests without a session cookie. Next keeps the public URL in redirects.
 */
function renderRewrites() {
  const chosen = (names) => ({ type: "header", key: RENDER_HEADER, value: `(?<render>${names.join("|")})` });
  const withoutServer = [{ type: "header", key: RENDER_HEADER }, ...SESSION_COOKIES.map((key) => ({ type: "cookie", key }))];
  return [
    { source: "/", has: [chosen(FRONT_RENDERS)], destination: `${RENDER_ROOT}/:render/front` },
    { source: "/articles/:slug", has: [chosen(ARTICLE_RENDERS)], destination: `${RENDER_ROOT}/:render/articles/:slug` },
    { source: "/", missing: withoutServer, destination: `${RENDERS.anonymous}/front` },
    { source: "/articles/:slug", missing: withoutServer, destination: `${RENDERS.anonymous}/articles/:slug` },
  ];
}

/**
 * Does this URL name a render's folder itself, in any spelling? Such requests never
 * reach it: only the rewrites above route there, after server.js chose.
 */
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

/**
 * The Set-Cookie value that keeps the reader's address cookie in step with the session
 * (null when it already is): `email` after a member's session was found, else cleared.
 */
function whoCookieUpdate(cookieHeader, email, secure) {
  const m = new RegExp(`(?:^|;)\\s*${WHO_COOKIE}=([^;]*)`).exec(cookieHeader || "");
  const value = email ? encodeURIComponent(email) : "";
  if ((m ? m[1] : "") === value) return null;
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
  renderRewrites,
  namesRender,
  whoCookieUpdate,
};
