// The metrics endpoint: off unless LEDE_METRICS_TOKEN is set, and then only for a scraper
// that sends that token as a bearer token. Loopback alone is not trusted: behind a proxy on
// the same machine every client arrives from loopback (README: "Metrics").
"use strict";

const crypto = require("node:crypto");
const { metrics } = require("./registry");

const PATH = "/metrics";

/** The token's settings: null when metrics are off. Throws on a token too short to be a secret. */
/** @param {Record<string, string | undefined>} [env] */
function metricsSettings(env = process.env) {
  const token = (env.LEDE_METRICS_TOKEN || "").trim();
  if (!token) return null;
  if (token.length < 32) throw new Error("LEDE_METRICS_TOKEN must be at least 32 characters (try: openssl rand -hex 32)");
  return { token, port: env.LEDE_METRICS_PORT ? Number(env.LEDE_METRICS_PORT) : null, host: env.LEDE_METRICS_HOST || "127.0.0.1" };
}

/** @param {string} s */
const digest = (s) => crypto.createHash("sha256").update(s).digest();

/** Whether an Authorization header carries the token (constant-time, whatever its length). */
/** @param {unknown} header @param {string} token */
function bearerMatches(header, token) {
  const m = typeof header === "string" ? /^Bearer\s+(\S+)\s*$/i.exec(header) : null;
  return m !== null && crypto.timingSafeEqual(digest(m[1]), digest(token));
}

/** Whether this request is for the metrics endpoint (any method, any query). */
/** @param {unknown} url */
function isMetricsRequest(url) {
  return typeof url === "string" && (url === PATH || url.startsWith(`${PATH}?`));
}

/**
 * Answers a request for /metrics: 401 without the token (one short answer, nothing logged:
 * a flood of them writes no line each), 405 for anything but GET/HEAD, else the registry.
 */
/**
 * @param {import("node:http").IncomingMessage} req
 * @param {import("node:http").ServerResponse} res
 * @param {{ token: string }} settings
 */
async function answerMetrics(req, res, settings) {
  /** @param {number} status @param {string} body @param {Record<string, string>} [extra] */
  const plain = (status, body, extra = {}) => {
    res.writeHead(status, { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", ...extra });
    res.end(body);
  };
  if (!bearerMatches(req.headers.authorization, settings.token)) {
    return plain(401, "A bearer token is required.\n", { "WWW-Authenticate": 'Bearer realm="lede-metrics"' });
  }
  if (req.method !== "GET" && req.method !== "HEAD") return plain(405, "GET only.\n", { Allow: "GET, HEAD" });
  const { registry } = metrics();
  const body = await registry.metrics();
  res.writeHead(200, { "Content-Type": registry.contentType, "Cache-Control": "no-store" });
  res.end(req.method === "HEAD" ? undefined : body);
}

module.exports = { PATH, metricsSettings, bearerMatches, isMetricsRequest, answerMetrics };
