// Starts Lede for a benchmark: its own build (.next-bench, with the static baseline page),
// a fresh database (PostgreSQL when DATABASE_URL is set, else PGlite in a temporary
// folder), the sample articles, one signed-in member, an SMTP sink, and the production
// server on a free port. stop() ends everything it started and removes the database.
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import postgres from "postgres";
import { ensureBuilt } from "../scripts/build-stamp.mjs";
import { startSmtpSink } from "./smtp-sink.mjs";

/** LEDE_BENCH_ONLY (bench/run.mjs): the processes only its scenarios need are started. */
const only = process.env.LEDE_BENCH_ONLY ? process.env.LEDE_BENCH_ONLY.split(",").map((x) => x.trim()) : null;
const wants = (/** @type {string} */ id) => !only || only.includes(id);

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
// .env files as `npm start` reads them (DATABASE_URL there is where the bench's database goes).
createRequire(import.meta.url)("../lib/env-files.js").loadEnvFiles();
const { render } = createRequire(import.meta.url)("../deploy/render.js");

/** Debian's varnish with varnish-modules' xkey (.ci/run installs both). */
const hasVarnish = () => spawnSync("sh", ["-c", "command -v varnishd && ls /usr/lib/*/varnish/vmods/libvmod_xkey.so"], { stdio: "ignore" }).status === 0;
export const DIST_DIR = ".next-bench";
// A fixed public origin: it is baked into the prerendered baseline, so a changing port
// would rebuild every time. Requests go to 127.0.0.1:<port> all the same.
const SITE_URL = "http://localhost:3000";

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (srv.address());
      srv.close(() => resolve(port));
    });
  });
}

function withDatabase(url, name) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** A database nobody else uses, and how to remove it. */
async function freshDatabase(log) {
  const base = process.env.DATABASE_URL;
  if (!base) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-bench-"));
    log(`Database: PGlite in ${dir}`);
    return { env: { LEDE_DATA_DIR: dir }, kind: "pglite", drop: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  }
  const prefix = (process.env.LEDE_BENCH_DB_PREFIX || "lede_bench").replace(/[^a-z0-9_]/g, "");
  const name = `${prefix}_${crypto.randomBytes(5).toString("hex")}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database ${name}`);
  } finally {
    await admin.end();
  }
  log(`Database: PostgreSQL ${name} (dropped afterwards)`);
  return {
    env: { DATABASE_URL: withDatabase(base, name) },
    kind: "postgres",
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      try {
        await a.unsafe(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

async function waitForHealth(baseUrl, server, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the server exited (code ${server.exitCode}) before it was ready`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer ${baseUrl}/api/health within ${timeoutMs / 1000} s`);
}

/** Ends a process group we started: SIGTERM, then SIGKILL if it lingers. */
async function endGroup(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once("exit", r));
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
  }, 8_000);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts everything. `log` gets one line per step; the server's own output goes to
 * bench/server.log. Always call stop(), also after a failure.
 */
export async function startApp({ log = console.log, siteUrlForPort = null, gated = "harbour-night-ferry-trial", metered = "brennans-flats-salt-marsh" } = {}) {
  const started = { server: null, quiet: null, smtp: null, db: null, twins: [], varnish: null, varnishDir: null };
  const stop = async () => {
    await endGroup(started.varnish);
    if (started.varnishDir) fs.rmSync(started.varnishDir, { recursive: true, force: true });
    for (const twin of started.twins) await endGroup(twin);
    await endGroup(started.quiet);
    await endGroup(started.server);
    await started.smtp?.close();
    await started.db?.drop().catch((err) => log(`Could not remove the database: ${err.message}`));
  };
  try {
    if (!fs.existsSync(path.join(root, "node_modules", ".bin", "next"))) throw new Error("node_modules is missing: run `npm ci` first");
    const buildEnv = /** @type {NodeJS.ProcessEnv} */ ({ ...process.env, NODE_ENV: "production", SITE_URL, LEDE_BENCH_BASELINE: "1" });
    delete buildEnv.DATABASE_URL; // the build never opens a database
    ensureBuilt({ root, distDir: DIST_DIR, env: buildEnv, bakedIn: ["SITE_NAME", "SITE_URL", "LEDE_BENCH_BASELINE"], log });

    started.db = await freshDatabase(log);
    started.smtp = await startSmtpSink(await freePort());
    const port = await freePort();
    const env = {
      ...process.env,
      ...started.db.env,
      NODE_ENV: "production",
      // The build's origin, or (Lighthouse) the one the browser uses, so canonical links match.
      SITE_URL: siteUrlForPort ? siteUrlForPort(port) : SITE_URL,
      PORT: String(port),
      LEDE_LISTEN_HOST: "127.0.0.1",
      LEDE_DIST_DIR: DIST_DIR,
      AUTH_SECRET: crypto.randomBytes(33).toString("base64"),
      EMAIL_SERVER: `smtp://127.0.0.1:${started.smtp.port}`,
      EMAIL_FROM: "Lede bench <bench@example.com>",
      // Joins come from many addresses: each request names its own in X-Forwarded-For,
      // which the app believes only with TRUST_PROXY, as behind a real proxy.
      TRUST_PROXY: "1",
      // Every join is a new address: far more in an hour than a site's ceiling on them.
      LEDE_NEW_ADDRESS_HOURLY_CAP: "10000000",
    };
    if (started.db.kind === "pglite") delete env.DATABASE_URL;
    // Varnish in front (when installed), told of changes by the web process (README: "An edge cache in front").
    const varnish = hasVarnish() && (wants("j") || wants("k")) ? { port: await freePort(), purgePort: await freePort() } : null;
    if (varnish) Object.assign(env, { LEDE_EDGE_PURGE: "varnish", LEDE_VARNISH_PURGE_URL: `http://127.0.0.1:${varnish.purgePort}/` });

    log("Preparing the database: migrations, sample articles, one member…");
    const prep = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "bench/prepare.ts", gated, metered], { cwd: root, env, encoding: "utf8" });
    if (prep.status !== 0) throw new Error(`preparing the database failed:\n${prep.stderr || prep.stdout}`);
    const { cookie, meterReRead, meterSpent, wallExperiment } = JSON.parse(prep.stdout.trim().split("\n").at(-1));

    const logFile = fs.openSync(path.join(root, "bench", "server.log"), "w");
    // LEDE_BENCH_NODE_ARGS (say "--cpu-prof --cpu-prof-dir=/tmp/prof"): for the measured server only.
    const nodeArgs = (process.env.LEDE_BENCH_NODE_ARGS ?? "").split(" ").filter(Boolean);
    started.server = spawn(process.execPath, [...nodeArgs, "server.js"], { cwd: root, env, detached: true, stdio: ["ignore", logFile, logFile] });
    fs.closeSync(logFile);
    const baseUrl = `http://127.0.0.1:${port}`;
    await waitForHealth(baseUrl, started.server, 90_000);
    log(`Serving ${baseUrl} (log: bench/server.log)`);
    // On PostgreSQL, a second web process with view counting off (LEDE_COUNT_VIEWS=off),
    // to measure what counting costs: the same pages, one database.
    let quiet = null;
    if (started.db.kind !== "pglite" && wants("i")) {
      const quietPort = await freePort();
      const quietLog = fs.openSync(path.join(root, "bench", "server-quiet.log"), "w");
      const quietEnv = { ...env, PORT: String(quietPort), LEDE_COUNT_VIEWS: "off", LEDE_WORKER: "off" };
      started.quiet = spawn(process.execPath, ["server.js"], { cwd: root, env: quietEnv, detached: true, stdio: ["ignore", quietLog, quietLog] });
      fs.closeSync(quietLog);
      quiet = { baseUrl: `http://127.0.0.1:${quietPort}`, serverPid: started.quiet.pid };
      await waitForHealth(quiet.baseUrl, started.quiet, 90_000);
    }
    // Two more web processes alike but for metrics and JSON logs (LEDE_OBSERVE=off on one):
    // what Lede's own observability costs, each the same number of processes from the start.
    const twins = {};
    /** @type {[string, Record<string, string>][]} */
    const alike = [["observed", { LEDE_METRICS_TOKEN: "bench-metrics-token-0123456789abcdefghij" }], ["bare", { LEDE_OBSERVE: "off" }]];
    if (started.db.kind !== "pglite" && (wants("l") || wants("m"))) for (const [name, extra] of alike) {
      const twinPort = await freePort();
      const twinLog = fs.openSync(path.join(root, "bench", `server-${name}.log`), "w");
      const child = spawn(process.execPath, ["server.js"], { cwd: root, env: { ...env, ...extra, PORT: String(twinPort), LEDE_WORKER: "off" }, detached: true, stdio: ["ignore", twinLog, twinLog] });
      fs.closeSync(twinLog);
      started.twins.push(child);
      twins[name] = { baseUrl: `http://127.0.0.1:${twinPort}`, serverPid: child.pid };
      await waitForHealth(twins[name].baseUrl, child, 90_000);
    }
    let edge = null;
    if (varnish) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-bench-varnish-"));
      fs.chmodSync(dir, 0o755);
      started.varnishDir = dir;
      const vcl = render(fs.readFileSync(path.join(root, "deploy", "lede.vcl"), "utf8"), { ...env, LEDE_BACKENDS: `127.0.0.1:${port}` });
      fs.writeFileSync(path.join(dir, "lede.vcl"), vcl);
      const varnishLog = fs.openSync(path.join(root, "bench", "varnish.log"), "w");
      started.varnish = spawn(
        "varnishd",
        ["-F", "-n", path.join(dir, "varnish"), "-a", `public=127.0.0.1:${varnish.port}`, "-a", `purge=127.0.0.1:${varnish.purgePort}`, "-T", "none", "-f", path.join(dir, "lede.vcl"), "-s", "malloc,256m"],
        { detached: true, stdio: ["ignore", varnishLog, varnishLog] },
      );
      fs.closeSync(varnishLog);
      edge = { baseUrl: `http://127.0.0.1:${varnish.port}`, serverPid: null };
      await waitForHealth(edge.baseUrl, started.varnish, 60_000);
      log(`Varnish in front on ${edge.baseUrl} (log: bench/varnish.log)`);
    }
    return { baseUrl, port, serverPid: started.server.pid, quiet, twins, edge, memberCookie: cookie, meterReRead, meterSpent, metered, database: started.db.kind,
      // The wall experiment: started between the pages' rounds and its own (bench/experiment.ts).
      wallExperiment,
      startExperiment: () => {
        const r = spawnSync(path.join(root, "node_modules", ".bin", "tsx"), ["--conditions=react-server", "bench/experiment.ts", String(wallExperiment)], { cwd: root, env, encoding: "utf8" });
        if (r.status !== 0) throw new Error(`starting the wall experiment failed:\n${r.stderr || r.stdout}`);
      }, smtp: started.smtp, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
