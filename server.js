// Lede's HTTP server: Next behind node:http, which stamps what the socket says (x-lede-*),
// counts every body against its limit, and picks cached renders (README: "How a page is served").
/** @type {Record<string, string | undefined>} */ (process.env).NODE_ENV ||= "production";
require("./lib/env-files").loadEnvFiles(); // first: everything below may read them
const http = require("node:http");
const { AsyncLocalStorage } = require("node:async_hooks");
const next = /** @type {typeof import("next").default} */ (/** @type {unknown} */ (require("next")));
const { RENDER_HEADER, articleSlug, sessionCookie, hasRenders, namesRender, renderUrl, variantRender, whoCookieUpdate } = require("./lib/render/routes");
const { renderCache } = require("./lib/render/cache-handler");
const { bodyCeiling, tooLargeAnswer } = require("./lib/http/body-limits");
const { isDirectLocalRequest } = require("./lib/http/local-request");
const { siteLocation } = require("./lib/http/redirect-target");
const { embeddedDemo, listenHosts, serverSettings, startProblem } = require("./lib/deployment");
const { bridgeConsole, withRequestId, throttled, flushLog, logSettings } = require("./lib/log/logger");
const { requestId } = require("./lib/service/request-id");
const lifecycle = require("./lib/service/lifecycle");
const { metricsSettings, isMetricsRequest, answerMetrics } = require("./lib/metrics/endpoint");
const { countRequest } = require("./lib/metrics/http");
const { edgeSettings } = require("./lib/edge/settings");
const { cacheHeadersAtSend, keepOffTheEdge } = require("./lib/edge/response");

let problem = startProblem(process.env);
// The service's own settings (README: "Metrics", "Logs", "An edge cache in front"), checked at once.
let metricsOn = null;
let edge = null;
let stopping = null;
try {
  logSettings(process.env);
  metricsOn = metricsSettings(process.env);
  edge = edgeSettings(process.env);
  stopping = lifecycle.stopSettings(process.env);
} catch (err) {
  problem ??= err instanceof Error ? err.message : String(err);
}
if (problem) {
  console.error(`Lede could not start: ${problem}`);
  process.exit(1);
}

// Every line this process writes is JSON (pretty in development), with its request's id.
// LEDE_OBSERVE=off (the benchmark's comparison only) leaves out ids, JSON lines and metrics.
const observe = process.env.LEDE_OBSERVE !== "off";
if (observe) bridgeConsole();
const { port, siteUrl, countQueries } = serverSettings(process.env);
const trustProxy = process.env.TRUST_PROXY === "1";
const hosts = listenHosts(process.env);

// The members' render exists only behind this server (lib/http/site-server.ts).
globalThis.__ledeSiteServer = true;
// This process's render cache, and (with DATABASE_URL) its lease among the web processes.
const cache = renderCache();
const app = next({ dev: false, dir: __dirname, hostname: "localhost", port });
const handle = app.getRequestHandler();

/** Runs `fn` just before the response headers go out (Next sets its own until then). */
function beforeHeaders(res, fn) {
  const writeHead = res.writeHead;
  res.writeHead = function (...args) {
    if (!res.headersSent) fn();
    return writeHead.apply(res, args);
  };
}

const secureCookies = siteUrl.startsWith("https:");

/** Keeps the reader's address cookie (lede-who) in step with what the session said. */
function syncWhoCookie(req, res, email) {
  const update = whoCookieUpdate(req.headers.cookie, email, secureCookies);
  if (update) beforeHeaders(res, () => res.appendHeader("Set-Cookie", update));
}

/** Says the render in its header (for the rewrites), and serves a plain request its path at once. */
function serveRender(req, render) {
  req.headers[RENDER_HEADER] = render;
  const internal = req.headers.rsc ? null : renderUrl(req.url, render);
  if (internal) req.url = internal;
}

/** Next's prefetches (and the browser's): they never use a free read of the meter. */
function isPrefetch(req) {
  const h = req.headers;
  return Boolean(h["next-router-prefetch"] || h["next-router-segment-prefetch"] || h.purpose === "prefetch" || /prefetch/.test(h["sec-purpose"] || ""));
}

/**
 * The reader's variant of a running wall experiment (lib/experiments/choose.ts): at once
 * when this process knows the experiment and the article; null for none, a bot, a free
 * article, or an experiment that could not be read (then the usual gate).
 */
async function wallVariant(req, slug) {
  const choose = slug ? globalThis.__ledeWallChoice : null;
  if (!choose) return null;
  try {
    const chosen = choose({ slug, cookieHeader: req.headers.cookie, userAgent: req.headers["user-agent"] });
    return chosen && typeof chosen.then === "function" ? await chosen : chosen;
  } catch (err) {
    console.error(`[server] the wall experiment could not be read, served the usual gate: ${err instanceof Error ? err.message : err}`);
    return null;
  }
}

/** No account: the anonymous render, or the meter's (private: premium text or its cookie). */
async function serveAnonymous(req, res, { signedOut, view }) {
  const publicUrl = req.url;
  const slug = articleSlug(req.url);
  const variant = await wallVariant(req, slug);
  const meter = slug ? globalThis.__ledeMeter : null; // lib/meter/decide.ts
  let choice = { render: "anonymous" };
  if (meter) {
    try {
      const headers = { get: (name) => req.headers[name] ?? null };
      // At once when this process knows the article and the meter (lib/meter/decide.ts).
      const allowance = variant ? variant.allowance : null;
      const chosen = meter({ slug, cookieHeader: req.headers.cookie, headers, counting: Boolean(view), allowance });
      choice = typeof chosen.then === "function" ? await chosen : chosen;
    } catch (err) {
      throttled("meter-failed", "error", `[server] the meter could not be read, served as anonymous: ${err instanceof Error ? err.message : err}`);
    }
  }
  // The variant's own gate (or the meter's wall in its words): cached renders like the gate.
  const render = variantRender(choice.render, variant);
  if (view) view(render, choice.freeRead, variant);
  serveRender(req, render);
  if (variant && variant.setCookie) beforeHeaders(res, () => res.appendHeader("Set-Cookie", variant.setCookie));
  if (choice.setCookie) beforeHeaders(res, () => res.appendHeader("Set-Cookie", choice.setCookie));
  // The anonymous render is the same for every reader: an edge cache may keep it, told of
  // every change by its keys (lib/edge); the meter's renders and a wall experiment's
  // variants are each reader's own (an edge keying on the URL would hand one variant to all).
  const shared = signedOut && render === "anonymous";
  cacheHeadersAtSend(req, res, { shared, url: publicUrl, store: cache, settings: edge });
}

/**
 * For a page view of an article (a GET that is not a prefetch), the function that counts
 * it once its render is chosen (lib/insight/counts.ts: in memory, no query); else null.
 */
function viewCounter(req) {
  const count = globalThis.__ledeCountView;
  const slug = count && req.method === "GET" && !isPrefetch(req) ? articleSlug(req.url) : null;
  if (!slug) return null;
  const { url } = req;
  return (render, freeRead, variant) =>
    count({ slug, render, url, referer: req.headers.referer, userAgent: req.headers["user-agent"], freeRead, variant: variant || undefined });
}

async function chooseRender(req, res) {
  if (namesRender(req.url)) {
    req.url = "/_lede/not-found"; // Next's 404 page: only the rewrites reach a render
    return;
  }
  // "none" unless chosen below: the per-request pages, and no rewrite (lib/render/routes.js).
  req.headers[RENDER_HEADER] = "none";
  if ((req.method !== "GET" && req.method !== "HEAD") || !hasRenders(req.url)) return;
  // One URL, answers that differ by cookie: no shared cache may swap them.
  beforeHeaders(res, () => res.appendHeader("Vary", "Cookie"));
  const view = viewCounter(req);
  const cookie = sessionCookie(req.headers.cookie);
  if (!cookie) {
    await serveAnonymous(req, res, { signedOut: true, view });
    if (req.headers.cookie && req.headers.cookie.includes("lede-who=")) syncWhoCookie(req, res, null);
    return;
  }
  // Whatever a signed-in request gets stays in that reader's browser.
  beforeHeaders(res, () => res.setHeader("Cache-Control", "private, no-store"));
  const lookup = globalThis.__ledeRenderForSession; // lib/render/session-render.ts
  try {
    const { render, email, renewedCookie, timedOut } = lookup ? await lookup(cookie) : { render: "personal" };
    if (render === "member" || (render === "anonymous" && timedOut)) {
      if (view) view(render);
      serveRender(req, render);
    } else if (render === "anonymous") await serveAnonymous(req, res, { signedOut: false, view });
    if (renewedCookie) beforeHeaders(res, () => res.appendHeader("Set-Cookie", renewedCookie));
    // A lookup that timed out (a stalled database) serves the lede and gate, and leaves
    // the reader's cookies alone: the next request will know again.
    if (timedOut) throttled("session-timeout", "error", "[server] session lookup timed out: served as anonymous");
    else syncWhoCookie(req, res, render === "member" ? email : null);
  } catch (err) {
    // The database failed to answer: the lede and gate need none of it.
    throttled("session-failed", "error", `[server] session lookup failed, served as anonymous: ${err instanceof Error ? err.message : err}`);
    serveRender(req, "anonymous");
  }
}

// Tests only: x-lede-queries, the queries made before the headers went out (lib/db/query-count.ts).
const queryCounts = countQueries ? new AsyncLocalStorage() : null;
if (queryCounts) globalThis.__ledeQueryCounts = queryCounts;

/** How long a connection answered before its body ended stays half-open (see below). */
const LINGER_MS = 2_000;

/** Answered before its body ended: FIN now, reset later (at once, it could beat the answer). */
function closeWhenAnsweredEarly(req, res) {
  res.once("finish", () => {
    if (req.complete) return;
    req.socket.end();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

/**
 * 413 past the path's ceiling, by Content-Length or at the first chunk over it, counted at
 * req.push, before any reader. False when refused up front.
 */
function limitBody(req, res) {
  const ceiling = bodyCeiling(req.url, req.headers);
  closeWhenAnsweredEarly(req, res);
  const refuse = () => {
    if (res.ledeRefused) return;
    res.ledeRefused = true;
    if (!res.headersSent) {
      const { contentType, body } = tooLargeAnswer(req.headers.accept);
      http.ServerResponse.prototype.writeHead.call(res, 413, {
        "Content-Type": contentType,
        "Content-Length": Buffer.byteLength(body),
        "Cache-Control": "no-store",
        // No "Connection: close": Node would reset at once; closeWhenAnsweredEarly is gentler.
      });
      /** @type {(this: unknown, chunk: string) => void} */ (http.ServerResponse.prototype.end).call(res, body);
      // Whatever Next still answers (its read of the body now fails) goes nowhere.
      res.writeHead = () => res;
      res.setHeader = () => res;
      res.appendHeader = () => res;
      res.write = () => true;
      res.end = () => res;
    }
  };
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > ceiling) {
    refuse();
    return false;
  }
  let seen = 0;
  const push = req.push;
  req.push = function (chunk, ...rest) {
    // Past the ceiling nothing reaches a reader, not even the end (no part passes for the
    // whole body); false stops the socket.
    if (res.ledeRefused) return false;
    if (chunk !== null) {
      seen += chunk.length;
      if (seen > ceiling) {
        refuse();
        return false;
      }
    }
    return push.call(this, chunk, ...rest);
  };
  return true;
}

const siteOrigin = new URL(siteUrl || `http://localhost:${port}`).origin;
const demo = embeddedDemo(process.env);

/** Every Location leaves on this site, whoever set it (lib/http/redirect-target.js). */
function keepLocationOnSite(res) {
  const onSite = (v) => (typeof v === "string" ? siteLocation(v, siteOrigin) : Array.isArray(v) ? v.map(onSite) : v);
  const writeHead = res.writeHead;
  res.writeHead = function (status, ...rest) {
    const set = res.getHeader("location");
    if (set !== undefined) res.setHeader("location", onSite(set));
    const given = rest.find((a) => a && typeof a === "object");
    if (Array.isArray(given)) {
      for (let i = 0; i + 1 < given.length; i += 2) if (String(given[i]).toLowerCase() === "location") given[i + 1] = onSite(given[i + 1]);
    } else if (given) {
      for (const k of Object.keys(given)) if (k.toLowerCase() === "location") given[k] = onSite(given[k]);
    }
    return writeHead.call(this, status, ...rest);
  };
}

async function serve(req, res) {
  const path = lifecycle.pathOf(req.url);
  if (path === lifecycle.LIVE_PATH) return lifecycle.answerLive(res);
  if (path === lifecycle.READY_PATH && lifecycle.lifecycle().draining) return lifecycle.answerDraining(res);
  if (metricsOn && isMetricsRequest(req.url)) return answerMetrics(req, res, metricsOn);
  keepOffTheEdge(res);
  beforeHeaders(res, () => lifecycle.closeWhenDraining(res));
  // Only this server says these: whatever a client sent under an x-lede-* name is dropped.
  for (const name of Object.keys(req.headers)) if (name.startsWith("x-lede-")) delete req.headers[name];
  req.headers["x-lede-client-ip"] = req.socket.remoteAddress || "unknown";
  // The dev mailbox (embedded demo only) answers requests straight from this machine.
  if (demo && isDirectLocalRequest(req, siteUrl)) req.headers["x-lede-local"] = "1";
  keepLocationOnSite(res);
  if (!limitBody(req, res)) return;
  await chooseRender(req, res);
  return handle(req, res);
}

/** Every request: its id (on each log line it causes, and in X-Request-Id), and its count. */
function observed(req, res) {
  const id = requestId(req.headers, trustProxy);
  res.setHeader("X-Request-Id", id);
  countRequest(req, res);
  return withRequestId(id, () => (queryCounts ? counted : serve)(req, res));
}

function counted(req, res) {
  const store = { queries: 0 };
  beforeHeaders(res, () => res.setHeader("x-lede-queries", String(store.queries)));
  return queryCounts.run(store, () => serve(req, res));
}

/** One server on one address; `listening` settles once it is bound (or cannot be). */
function listen(onRequest, host) {
  const server = http.createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  const listening = new Promise((resolve, reject) => {
    server.once("error", (err) => reject(Object.assign(err, { address: host })));
    server.listen(port, host, () => resolve(host));
  });
  return { server, listening };
}

app
  .prepare()
  .then(() => {
    const onRequest = (req, res) => {
      (observe ? observed : queryCounts ? counted : serve)(req, res).catch((err) => {
        throttled("request-failed", "error", `[server] ${req.method} ${req.url.split("?")[0]} failed: ${err && err.message}`);
        if (!res.headersSent) res.statusCode = 500;
        res.end();
      });
    };
    const servers = hosts.map((host) => listen(onRequest, host));
    return Promise.allSettled(servers.map((s) => s.listening)).then((results) => {
      const bound = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
      const failed = results.filter((r) => r.status === "rejected").map((r) => r.reason);
      // An address this machine lacks (no IPv6, say) is skipped; a port in use is not.
      const fatal = failed.find((err) => !["EADDRNOTAVAIL", "EAFNOSUPPORT"].includes(err.code));
      if (fatal || bound.length === 0) throw fatal || failed[0];
      for (const err of failed) console.log(`[server] not listening on ${err.address}: ${err.code}`);
      console.log(`Lede is serving ${siteUrl || `http://localhost:${port}`} (port ${port} on ${bound.join(", ")})`);
      // The counts (lib/insight/counts.ts) are saved, and the peers' lease left, once the
      // last request was answered (README: "Health, readiness and stopping").
      const flush = () => (globalThis.__ledeFlushCounts ? globalThis.__ledeFlushCounts() : Promise.resolve());
      const stop = () =>
        lifecycle.stopGracefully({
          servers: servers.map((s) => s.server),
          ...stopping,
          save: () => Promise.allSettled([flush(), cache.peers ? cache.peers.stop() : null]).then(() => console.log("[server] stopped: counts saved, lease left")).then(flushLog),
          log: (msg) => console.log(`[server] ${msg}`),
        });
      process.on("SIGTERM", () => withRequestId(undefined, stop));
      process.on("SIGINT", () => withRequestId(undefined, stop));
    });
  })
  .catch((err) => {
    console.error(`Lede could not start: ${err && err.message ? err.message : err}`);
    process.exit(1);
  });
