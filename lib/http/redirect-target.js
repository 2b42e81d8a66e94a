// The one decision about where a redirect may go: a path on this site, checked after the
// URL parser normalised it (README: "How it is built"). the front server checks every Location too.

// Any special-scheme origin parses paths as http(s) does; .invalid never resolves.
const BASE = "http://lede.invalid";
const MAX_LENGTH = 4096;
/** A sign-in link nests a callback URL that may itself hold an encoded query: three levels. */
const DECODING_ROUNDS = 6;

/**
 * @param {string} candidate
 * @returns {URL | null}
 */
function onSite(candidate) {
  try {
    const url = new URL(candidate, BASE);
    return url.origin === BASE ? url : null;
  } catch {
    return null;
  }
}

/**
 * Every %XX undone byte by byte, a stray "%" kept: the most lenient decoder's reading.
 * @param {string} s
 */
function decodeBytes(s) {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16)));
}

/**
 * True when `path` and each percent-decoding of it (proxies may decode again) stay on this site.
 * @param {string} path
 */
function staysOnSite(path) {
  let current = path;
  for (let round = 0; round < DECODING_ROUNDS; round++) {
    if (!current.startsWith("/") || /^\/[/\\]/.test(current)) return false;
    const url = onSite(current);
    if (!url || url.pathname.startsWith("//")) return false;
    const decoded = decodeBytes(current);
    if (decoded === current) return true;
    current = decoded;
  }
  return false; // encoded deeper than any honest link nests
}

/**
 * @param {unknown} value
 * @returns {string | null}
 */
function sitePath(value) {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return null;
  if (!staysOnSite(value)) return null;
  const url = /** @type {URL} */ (onSite(value));
  // The normalised form is what goes out: it must pass the same test and read back as itself.
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!staysOnSite(path)) return null;
  const again = onSite(path);
  return again && `${again.pathname}${again.search}${again.hash}` === path ? path : null;
}

/**
 * `value` as a normalised path on this site ("/articles/x?y#z"), else `fallback` (checked), else "/".
 * @param {unknown} value
 * @param {string} [fallback]
 * @returns {string}
 */
function safeCallbackPath(value, fallback = "/") {
  return sitePath(value) ?? sitePath(fallback) ?? "/";
}

/**
 * A Location as it may leave the front server: a checked path, or an absolute URL on `siteOrigin` only.
 * @param {string} location
 * @param {string} siteOrigin
 * @returns {string}
 */
function siteLocation(location, siteOrigin) {
  if (/^[a-z][a-z0-9+.-]*:/i.test(location.trim())) {
    try {
      const url = new URL(location);
      if (url.origin === siteOrigin) return location;
      return safeCallbackPath(`${url.pathname}${url.search}${url.hash}`);
    } catch {
      return "/";
    }
  }
  return safeCallbackPath(location);
}

module.exports = { safeCallbackPath, siteLocation };
