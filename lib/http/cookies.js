// One cookie read out of a Cookie header (or document.cookie): for the front server, the meter
// and the browser. Plain CommonJS.
"use strict";

/** name → its pattern, built once: these run on every page view. */
const patterns = new Map();

/**
 * The raw value of the first cookie called `name` in `header`, or null without one.
 * @param {string | null | undefined} header
 * @param {string} name
 */
function cookieValue(header, name) {
  let pattern = patterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(?:^|;)\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}=([^;]*)`);
    patterns.set(name, pattern);
  }
  const m = pattern.exec(header || "");
  return m ? m[1] : null;
}

/**
 * A cookie's value percent-decoded, or null when it does not decode (a stray `%`): not one we wrote.
 * @param {string} raw
 */
function decodeCookie(raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}

module.exports = { cookieValue, decodeCookie };
