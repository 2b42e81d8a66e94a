// What the plain CommonJS that runs before Next reads of the environment (server.js,
// scripts/start.mjs, next.config.js, lib/render/*.js, the worker's start check); code
// under Next reads lib/env.ts. Each function takes the environment (process.env).

/** @typedef {Record<string, string | undefined>} Env */

/** @param {unknown} v @returns {v is string} */
const isSet = (v) => typeof v === "string" && v.trim() !== "";

/** No DATABASE_URL and no EMAIL_SERVER: only then the dev mailbox, a generated secret, loopback only. */
/** @param {Env} env */
function embeddedDemo(env) {
  return !isSet(env.DATABASE_URL) && !isSet(env.EMAIL_SERVER);
}

/** The whole numbers read here, with their range: "5k" was NaN and a cache that never evicted. */
const NUMBERS = /** @type {const} */ ([
  ["PORT", 1, 65535],
  ["LEDE_RENDER_CACHE_ENTRIES", 1, 1_000_000],
  ["LEDE_CACHE_HEARTBEAT_MS", 50, 60_000],
  ["LEDE_CACHE_LEASE_MS", 200, 600_000],
  ["LEDE_ARTICLE_RENDER_MS", 100, 600_000],
]);

/** The first of NUMBERS not written as a plain whole number in its range, as one line; or null. */
/** @param {Env} env */
function numberProblem(env) {
  for (const [name, min, max] of NUMBERS) {
    const v = env[name];
    if (!isSet(v)) continue;
    const n = /^\d{1,15}$/.test(v.trim()) ? Number(v.trim()) : NaN;
    if (!(n >= min && n <= max)) return `${name} must be a whole number from ${min} to ${max} (got ${JSON.stringify(v.slice(0, 40))})`;
  }
  return null;
}

/** Why this environment must not start (one line naming the variable), or null. */
/** @param {Env} env */
function startProblem(env) {
  const number = numberProblem(env);
  if (number) return number;
  if (!isSet(env.DATABASE_URL)) return null;
  if (!isSet(env.EMAIL_SERVER)) {
    return "EMAIL_SERVER is required when DATABASE_URL is set (e.g. smtp://user:pass@smtp.example.com:587): the dev mailbox exists only on the embedded demo.";
  }
  if (!isSet(env.AUTH_SECRET)) {
    return "AUTH_SECRET is required when DATABASE_URL is set: every process must share it (try: openssl rand -base64 33).";
  }
  return null;
}

/** Where server.js listens: LEDE_LISTEN_HOST, else loopback on the embedded demo, else every interface. */
/** @param {Env} env */
function listenHosts(env) {
  if (isSet(env.LEDE_LISTEN_HOST)) return env.LEDE_LISTEN_HOST.split(",").map((h) => h.trim()).filter(Boolean);
  return embeddedDemo(env) ? ["127.0.0.1", "::1"] : ["0.0.0.0"];
}

/** server.js: its port, the public origin (may be ""), and (tests only) query counting. */
/** @param {Env} [env] */
function serverSettings(env = process.env) {
  return { port: Number(env.PORT || 3000), siteUrl: env.SITE_URL || "", countQueries: env.LEDE_COUNT_QUERIES === "1" };
}

/** The render cache (lib/render): entries per process, and its peers' heartbeat and lease. */
/** @param {Env} [env] */
function renderCacheSettings(env = process.env) {
  return {
    databaseUrl: isSet(env.DATABASE_URL) ? env.DATABASE_URL : undefined,
    maxEntries: Number(env.LEDE_RENDER_CACHE_ENTRIES || 5000),
    heartbeatMs: Number(env.LEDE_CACHE_HEARTBEAT_MS || 1000),
    leaseMs: Number(env.LEDE_CACHE_LEASE_MS || 4000),
  };
}

/** next.config.js: the build folder, and whether this is the benchmark's own build. */
/** @param {Env} [env] */
function buildSettings(env = process.env) {
  return { distDir: env.LEDE_DIST_DIR || ".next", benchBaseline: env.LEDE_BENCH_BASELINE === "1" };
}

module.exports = { embeddedDemo, startProblem, listenHosts, serverSettings, renderCacheSettings, buildSettings };
