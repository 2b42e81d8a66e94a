// The edge cache's configuration (README: "An edge cache in front"), read by the front server
// (which headers a shareable page gets) and by the purger (lib/edge/purge.ts).
"use strict";

/** @param {unknown} v @returns {v is string} */
const isSet = (v) => typeof v === "string" && v.trim() !== "";
const PURGERS = ["varnish", "fastly", "cloudflare"];

/** Which purger and its settings; null when no edge cache is told of changes. Throws naming a missing variable. */
/** @param {Record<string, string | undefined>} [env] */
function edgeSettings(env = process.env) {
  const purger = isSet(env.LEDE_EDGE_PURGE) ? env.LEDE_EDGE_PURGE.trim().toLowerCase() : "";
  if (!purger || purger === "off") return null;
  if (!PURGERS.includes(purger)) throw new Error(`LEDE_EDGE_PURGE must be one of ${PURGERS.join(", ")} (or unset)`);
  const ttl = isSet(env.LEDE_EDGE_TTL) ? Number(env.LEDE_EDGE_TTL) : 3600;
  if (!Number.isInteger(ttl) || ttl < 1 || ttl > 31_536_000) throw new Error("LEDE_EDGE_TTL must be a whole number of seconds (1 to 31536000)");
  /** @param {string} name */
  const need = (name) => {
    const value = env[name];
    if (!isSet(value)) throw new Error(`${name} is required when LEDE_EDGE_PURGE=${purger}`);
    return value.trim();
  };
  if (purger === "varnish") {
    const urls = need("LEDE_VARNISH_PURGE_URL").split(",").map((u) => u.trim()).filter(Boolean);
    for (const u of urls) new URL(u); // throws on a bad URL
    return { purger, ttl, urls };
  }
  if (purger === "fastly") {
    return { purger, ttl, serviceId: need("FASTLY_SERVICE_ID"), token: need("FASTLY_API_TOKEN"), apiUrl: (env.FASTLY_API_URL || "https://api.fastly.com").replace(/\/+$/, "") };
  }
  return { purger, ttl, zoneId: need("CLOUDFLARE_ZONE_ID"), token: need("CLOUDFLARE_API_TOKEN"), apiUrl: (env.CLOUDFLARE_API_URL || "https://api.cloudflare.com").replace(/\/+$/, "") };
}

/**
 * The headers of a page any anonymous reader may share, keyed by `keys`. With a purger the
 * edge may keep it for `ttl` (the browser still asks each time); without one no shared cache
 * may keep it, since nothing would tell it of a change.
 */
/** @param {string[]} keys @param {{ ttl: number } | null} settings @returns {Record<string, string>} */
function shareableHeaders(keys, settings) {
  const headers = { "Surrogate-Key": keys.join(" "), "Cache-Tag": keys.join(",") };
  if (!settings) return { ...headers, "Cache-Control": "public, max-age=0, must-revalidate" };
  return {
    ...headers,
    "Cache-Control": `public, max-age=0, must-revalidate, s-maxage=${settings.ttl}`,
    "Surrogate-Control": `max-age=${settings.ttl}`,
  };
}

module.exports = { edgeSettings, shareableHeaders, PURGERS };
