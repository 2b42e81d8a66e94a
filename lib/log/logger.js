// Lede's log: JSON lines (pino) on stdout, readable ones in development; every line a
// request causes carries its request id. What a line may hold is listed in README ("Logs").
"use strict";

const { AsyncLocalStorage } = require("node:async_hooks");
const util = require("node:util");
const pino = require("pino");

const KEY = Symbol.for("lede.log");

/** Anything shaped like an email address in a message: personal data, never written. */
const EMAIL = /[^\s<>"'(),;:]+@[^\s<>"'(),;:]+\.[A-Za-z]{2,}/g;
/** @param {string} text */
const scrub = (text) => text.replace(EMAIL, "[email]");

/** @typedef {"fatal" | "error" | "warn" | "info" | "debug" | "trace"} Level */
const LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Level and format from the environment: LEDE_LOG_LEVEL (info), LEDE_LOG_FORMAT (json, pretty in development). */
/** @param {Record<string, string | undefined>} [env] */
function logSettings(env = process.env) {
  const level = (env.LEDE_LOG_LEVEL || "info").trim().toLowerCase();
  if (!LEVELS.includes(level)) throw new Error(`LEDE_LOG_LEVEL must be one of ${LEVELS.join(", ")}`);
  const format = (env.LEDE_LOG_FORMAT || (env.NODE_ENV === "development" ? "pretty" : "json")).trim().toLowerCase();
  if (format !== "json" && format !== "pretty") throw new Error("LEDE_LOG_FORMAT must be json or pretty");
  return { level, format };
}

/** @param {Record<string, string | undefined>} [env] */
/**
 * @param {Record<string, string | undefined>} [env]
 * @param {import("pino").DestinationStream} [destination]
 */
function create(env = process.env, destination) {
  const { level, format } = logSettings(env);
  /** @type {AsyncLocalStorage<string>} */
  const requests = new AsyncLocalStorage();
  const stream = destination ?? (format === "pretty" ? require("pino-pretty")({ colorize: false, sync: true }) : pino.destination({ sync: false }));
  const logger = pino(
    {
      level,
      base: { pid: process.pid },
      // Object fields that could hold personal data or secrets are never written.
      redact: { paths: ["email", "to", "token", "code", "cookie", "authorization", "*.email", "*.to", "*.token", "*.cookie", "*.authorization"], censor: "[redacted]" },
      mixin() {
        const id = requests.getStore();
        return id ? { req: id } : {};
      },
      formatters: { level: (label) => ({ level: label }) },
    },
    stream,
  );
  return { logger, requests, throttles: new Map() };
}

/** @returns {ReturnType<typeof create>} */
function state() {
  const g = /** @type {Record<symbol, ReturnType<typeof create>>} */ (/** @type {unknown} */ (globalThis));
  return (g[KEY] ??= create());
}

/** The process's logger; `component` names the part of Lede a line comes from. */
/** @param {string} [component] */
function log(component) {
  return component ? state().logger.child({ component }) : state().logger;
}

/** Runs `fn` with `id` as the request id of every line it (and what it awaits) writes. */
/** @template T @param {string | undefined} id @param {() => T} fn */
function withRequestId(id, fn) {
  return state().requests.run(/** @type {string} */ (id), fn); // undefined: no request (a signal, a timer)
}

const currentRequestId = () => state().requests.getStore();

/**
 * Writes a line that many requests could cause (a refused body, a database outage) at most
 * `limit` times per `windowMs` per key; the lines held back are counted in the next one.
 */
/**
 * @param {string} key @param {Level} level @param {string} message @param {Record<string, unknown>} [fields]
 * @param {{ limit?: number, windowMs?: number }} [options] @param {number} [now]
 */
function throttled(key, level, message, fields = {}, { limit = 5, windowMs = 60_000 } = {}, now = Date.now()) {
  const throttles = state().throttles;
  let t = throttles.get(key);
  if (!t || now - t.since >= windowMs) {
    const held = t ? t.held : 0;
    t = { since: now, written: 0, held: 0 };
    throttles.set(key, t);
    if (throttles.size > 1000) throttles.delete(throttles.keys().next().value);
    if (held > 0) fields = { ...fields, heldBack: held };
  }
  if (t.written >= limit) {
    t.held++;
    return false;
  }
  t.written++;
  log()[level]({ ...fields, key }, scrub(message));
  return true;
}

/** Sends console.* through the logger (as JSON, with the request id, email addresses scrubbed). */
function bridgeConsole(target = console) {
  const lines = log();
  /** @param {Level} level */
  const write = (level) => (/** @type {unknown[]} */ ...args) => {
    const text = scrub(util.format(...args));
    const m = /^\[([\w .-]{1,40})\]\s*/.exec(text);
    if (m) lines[level]({ component: m[1] }, text.slice(m[0].length));
    else lines[level](text);
  };
  target.log = write("info");
  target.info = write("info");
  target.warn = write("warn");
  target.error = write("error");
  target.debug = write("debug");
}

/** Writes what is buffered (before the process exits). */
function flushLog() {
  return new Promise((/** @type {(v?: unknown) => void} */ resolve) => {
    try {
      state().logger.flush(() => resolve());
    } catch {
      resolve();
    }
  });
}

module.exports = { log, logSettings, withRequestId, currentRequestId, throttled, bridgeConsole, flushLog, scrub, create, KEY };
