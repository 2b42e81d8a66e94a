// Liveness, the draining flag readiness reads, and the clean stop on SIGTERM (README:
// "Health, readiness and stopping"). Shared by the front server and the app through globalThis.
"use strict";

const { AsyncResource } = require("node:async_hooks");

const KEY = Symbol.for("lede.lifecycle");

/** @returns {{ draining: boolean }} */
function lifecycle() {
  const g = /** @type {Record<symbol, { draining: boolean }>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= { draining: false });
}

const LIVE_PATH = "/api/health/live";
const READY_PATH = "/api/health/ready";
const pathOf = (/** @type {string | undefined} */ url) => (typeof url === "string" ? url.split("?")[0] : "");

/** Whether the process's event loop answers: no database, no Next. */
/** @param {import("node:http").ServerResponse} res */
function answerLive(res) {
  res.writeHead(200, { "Content-Type": "application/json", "Cache-Control": "no-store" });
  res.end(JSON.stringify({ ok: true, live: true }));
}

/** Readiness while stopping: 503 at once, so a balancer sends nothing new here. */
/** @param {import("node:http").ServerResponse} res */
function answerDraining(res) {
  res.writeHead(503, { "Content-Type": "application/json", "Cache-Control": "no-store", Connection: "close" });
  res.end(JSON.stringify({ ok: false, ready: false, reason: "stopping" }));
}

/** Stop settings: LEDE_STOP_GRACE_MS (10 s) for requests in flight, then 5 s to save. */
/** @param {Record<string, string | undefined>} [env] */
function stopSettings(env = process.env) {
  const grace = env.LEDE_STOP_GRACE_MS ? Number(env.LEDE_STOP_GRACE_MS) : 10_000;
  if (!Number.isFinite(grace) || grace < 0 || grace > 120_000) throw new Error("LEDE_STOP_GRACE_MS must be 0 to 120000");
  return { graceMs: grace, saveMs: 5_000 };
}

/**
 * The clean stop: readiness says 503, the listeners stop taking connections, idle keep-alive
 * connections close and busy ones close after their answer; once every request in flight is
 * answered (or the grace is over) `save()` runs (counts, the peers' lease, the log), then exit.
 * @param {{ servers: import("node:http").Server[], graceMs: number, saveMs: number, save: () => Promise<unknown>, log: (msg: string) => void }} o
 */
function stopGracefully({ servers, graceMs, saveMs, save, log }) {
  const state = lifecycle();
  if (state.draining) return;
  state.draining = true;
  log(`stopping: no new requests, up to ${graceMs} ms for those in flight`);
  let open = servers.length;
  let saving = null;
  const finish = () =>
    (saving ??= Promise.race([Promise.resolve().then(save), new Promise((r) => setTimeout(r, saveMs).unref())]).finally(() => process.exit(0)));
  for (const s of servers) {
    // Bound here: the last connection's close must not lend its request id to the lines after it.
    s.close(AsyncResource.bind(() => --open === 0 && finish()));
    s.closeIdleConnections();
  }
  setTimeout(() => {
    log("stopping: grace over, closing the connections still open");
    for (const s of servers) s.closeAllConnections();
    finish();
  }, graceMs).unref();
}

/** While draining, every answer closes its connection (keep-alive clients reconnect elsewhere). */
/** @param {import("node:http").ServerResponse} res */
function closeWhenDraining(res) {
  if (lifecycle().draining) res.shouldKeepAlive = false;
}

module.exports = { lifecycle, LIVE_PATH, READY_PATH, pathOf, answerLive, answerDraining, stopSettings, stopGracefully, closeWhenDraining };
