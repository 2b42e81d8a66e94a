// Which cached render of the front page or an article a request may get, decided from
// its URL and cookies. Plain CommonJS: server.js uses it before Next sees a request.

const SESSION_COOKIE = /(?:^|;)\s*(?:__Secure-)?authjs\.session-token=([^;\s]+)/;
const ARTICLE_PATH = /^\/articles\/([^/?]+)\/?(\?.*)?$/;

/** The folder of the render shared by every member (app/member~variant). */
const MEMBER_ROUTE = "member~variant";

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

/**
 * For "/" and "/articles/<slug>", the internal path of the anonymous and the member
 * render (query kept); null for every other URL.
 */
function variantUrls(url) {
  if (url === "/" || url.startsWith("/?")) {
    const query = url.slice(1);
    return { anonymous: `/anon/front${query}`, member: `/${MEMBER_ROUTE}/front${query}` };
  }
  const m = ARTICLE_PATH.exec(url);
  if (!m) return null;
  const rest = `/articles/${m[1]}${m[2] || ""}`;
  return { anonymous: `/anon${rest}`, member: `/${MEMBER_ROUTE}${rest}` };
}

/**
 * Does this URL name the members' render itself, in any spelling? Such requests must
 * never reach it: only server.js may route there, after looking the session up.
 * Article slugs never hold "~", so no article is caught by this.
 */
function namesMemberRoute(url) {
  let path = String(url).split("?")[0].toLowerCase();
  for (let i = 0; i < 5; i++) {
    let decoded;
    try {
      decoded = decodeURIComponent(path);
    } catch {
      return path.includes("member");
    }
    if (decoded === path) break;
    path = decoded;
  }
  return path.includes(MEMBER_ROUTE);
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

/**
 * A redirect Next makes while serving an internal render (an RSC request without its
 * _rsc parameter gets one to the same URL plus it) names that render's path: map it
 * back to the public one.
 */
function publicLocation(location, internalUrl, publicUrl) {
  const internalPath = internalUrl.split("?")[0];
  const publicPath = publicUrl.split("?")[0].replace(/\/$/, "") || "/";
  if (location !== internalPath && !location.startsWith(`${internalPath}?`)) return location;
  return publicPath + location.slice(internalPath.length);
}

module.exports = { sessionCookie, variantUrls, namesMemberRoute, whoCookieUpdate, publicLocation, MEMBER_ROUTE, WHO_COOKIE };
