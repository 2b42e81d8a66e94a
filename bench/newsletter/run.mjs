// npm run bench:newsletter [-- 10000 1000000] [-- --workers=1,2]
//
// Sends one issue to N subscribers through real `npm run worker` processes (one, or each
// count given with --workers) into a local SMTP sink (sink.mjs, a separate process that
// only counts), on a fresh PostgreSQL database, and reports messages per second, the
// workers' peak RSS and how long after its scheduled time the issue started, for each N.
// The issue is scheduled (as the desk's Schedule does) a few seconds ahead, and the
// workers' own sweep starts it.
//
// Environment: BENCH_DATABASE_URL (a server to create lede_news_bench on; default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_DB (its name; default lede_news_bench),
// BENCH_SMTP_PORT (default 2552), BENCH_MAX_SECONDS, BENCH_WORKER_NODE_ARGS (node flags for the
// workers, e.g. a CPU profile).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import postgres from "postgres";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SIZES = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const sizes = SIZES.length ? SIZES : [10_000, 1_000_000];
const WORKERS = (process.argv.find((a) => a.startsWith("--workers="))?.slice(10) ?? "1").split(",").map(Number);
/** Seconds between scheduling the issue and its time. */
const LEAD_SECONDS = 10;
const MAX_SECONDS = Number(process.env.BENCH_MAX_SECONDS ?? 3600);
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = process.env.BENCH_DB ?? "lede_news_bench";
const SMTP_PORT = Number(process.env.BENCH_SMTP_PORT ?? 2552);
const dbUrl = (() => {
  const u = new URL(SERVER);
  u.pathname = `/${DB}`;
  return u.toString();
})();

const env = /** @type {NodeJS.ProcessEnv} */ ({
  ...process.env,
  NODE_ENV: "production",
  DATABASE_URL: dbUrl,
  EMAIL_SERVER: `smtp://127.0.0.1:${SMTP_PORT}`,
  EMAIL_FROM: '"The Daily Lede" <news@bench.example>',
  SITE_URL: "https://news.bench.example",
  AUTH_SECRET: crypto.randomBytes(33).toString("base64"),
});

const tsx = (script, args = []) => {
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", script, ...args], { cwd: ROOT, env, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`${script} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
};

async function admin(sql) {
  const db = postgres(SERVER, { max: 1, onnotice: () => {} });
  try {
    await db.unsafe(sql);
  } finally {
    await db.end();
  }
}

/** Busy and total jiffies of the whole machine, from /proc/stat. */
function machine() {
  const [, ...f] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
  const idle = f[3] + f[4];
  const total = f.reduce((a, b) => a + b, 0);
  return { busy: total - idle, total };
}

/** CPU seconds of a process (0 once it is gone). */
function cpuOf(pid) {
  try {
    return sample(pid).cpu;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of PostgreSQL's work for the run: the backends connected to the bench's
 * database and the server's WAL writer, checkpointer and background writer.
 * @param {import("postgres").Sql} db
 */
async function postgresCpu(db) {
  const rows = await db`SELECT pid FROM pg_stat_activity
    WHERE (datname = ${DB} OR backend_type IN ('walwriter', 'checkpointer', 'background writer')) AND pid <> pg_backend_pid()`;
  return rows.reduce((a, r) => a + cpuOf(r.pid), 0);
}

/** VmRSS / VmHWM (kB) and CPU seconds of a process, from /proc. */
function sample(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (k) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)[1]);
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return { rss: kb("VmRSS"), hwm: kb("VmHWM"), cpu: (Number(stat[11]) + Number(stat[12])) / 100 };
}

/**
 * Starts a process and resolves once a stdout line matches `ready`; `lines` sees every line.
 * @param {(line: string) => void} [lines]
 */
function start(cmd, args, ready, lines = () => {}) {
  const child = spawn(cmd, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).on("line", (line) => {
      lines(line);
      if (ready.test(line)) resolve(child);
    });
    child.once("exit", (code) => reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}`)));
  });
}

/** SIGTERM, and SIGKILL if it has not exited 10 s later. */
function stop(/** @type {import("node:child_process").ChildProcess} */ child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(kill);
      resolve(undefined);
    });
    child.kill("SIGTERM");
  });
}

/**
 * The worker exactly as `npm run worker` runs it (its node flags read from package.json),
 * minus tsx's wrapper process, so that /proc/<pid> is the worker itself.
 */
function workerArgs() {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.worker.split(/\s+/);
  if (script.at(-1) !== "scripts/worker.ts") throw new Error(`npm run worker runs ${script.at(-1)}: update bench/newsletter/send-process.ts`);
  // BENCH_WORKER_NODE_ARGS: more node flags for the workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"
  // (each worker writes its profile when it stops; bench/profile-summary.mjs reads it).
  const extra = (process.env.BENCH_WORKER_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  return [...script.filter((a) => a.startsWith("--")), ...extra, "--import", "tsx", "bench/newsletter/send-process.ts"];
}

async function runOnce(n, workers) {
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  tsx("scripts/db-migrate.ts");
  tsx("scripts/import-articles.ts", ["content/articles"]);
  const seeded = Date.now();
  const { issueId } = JSON.parse(tsx("bench/newsletter/seed.ts", [String(n)]).trim().split("\n").pop());
  const seedSeconds = (Date.now() - seeded) / 1000;

  let count = 0;
  let first = 0;
  let last = 0;
  const sink = await start(process.execPath, ["bench/newsletter/sink.mjs", String(SMTP_PORT)], /listening/, (line) => {
    const s = JSON.parse(line);
    if ("count" in s) ({ count, first, last } = s);
  });
  const procs = [];
  for (let i = 0; i < workers; i++) procs.push(await start(process.execPath, workerArgs(), /worker running/));
  const idle = procs.map((w) => sample(w.pid));
  const load0 = os.loadavg()[0];
  // Scheduled a few seconds ahead: the workers' sweep starts it at its time.
  const due = Date.now() + LEAD_SECONDS * 1000;
  tsx("bench/newsletter/start-issue.ts", [String(issueId), new Date(due).toISOString()]);
  const peak = idle.map((s) => s.rss);
  // Who used the CPU while messages flowed: from the first poll that saw one accepted.
  const watcher = postgres(SERVER, { max: 1, onnotice: () => {} });
  const snapshot = async () => ({ count, machine: machine(), pg: await postgresCpu(watcher), workers: procs.reduce((a, w) => a + cpuOf(w.pid), 0), sink: cpuOf(sink.pid) });
  let from = null;
  while (count < n) {
    await new Promise((r) => setTimeout(r, 200));
    procs.forEach((w, i) => (peak[i] = Math.max(peak[i], sample(w.pid).rss)));
    if (!from && count > 0) from = await snapshot();
    // BENCH_MAX_SECONDS: stop there and report the part sent (a million on a busy machine).
    if (Date.now() - due > MAX_SECONDS * 1000) break;
  }
  const sent = count;
  const to = await snapshot();
  await watcher.end();
  const end = procs.map((w) => sample(w.pid));
  // Stopped before their database is dropped: a worker still stopping when it went printed
  // pg-boss's "database does not exist" over the results.
  await Promise.all([...procs, sink].map(stop));
  await admin(`drop database if exists ${DB} with (force)`);
  const window = from && to.count > from.count ? to.count - from.count : NaN;
  const perMsg = (/** @type {"pg" | "workers" | "sink"} */ k) => (((from ? to[k] - from[k] : NaN) * 1000) / window);
  return {
    n,
    sent,
    workers,
    seedSeconds,
    startDelay: (first - due) / 1000,
    rate: sent / ((last - first) / 1000),
    endToEnd: sent / ((last - due) / 1000),
    idleRss: Math.max(...idle.map((s) => s.rss)) / 1024,
    peakRss: Math.max(...end.map((s, i) => Math.max(peak[i], s.hwm))) / 1024,
    // While messages flowed (from the first poll that saw one to the end).
    flow: {
      workers: perMsg("workers"),
      sink: perMsg("sink"),
      pg: perMsg("pg"),
      busy: from ? ((to.machine.busy - from.machine.busy) / (to.machine.total - from.machine.total)) * 100 : NaN,
    },
    load: [load0, os.loadavg()[0]],
  };
}

const results = [];
for (const n of sizes) {
  for (const workers of WORKERS) {
    process.stdout.write(`${n.toLocaleString("en-GB")} subscribers, ${workers} worker${workers === 1 ? "" : "s"}… `);
    const r = await runOnce(n, workers);
    results.push(r);
    console.log(`${r.rate.toFixed(0)} msg/s, started ${r.startDelay.toFixed(1)} s after its time, peak RSS ${r.peakRss.toFixed(0)} MB, load ${r.load.map((l) => l.toFixed(1)).join(" → ")}`);
    console.log(
      `  while sending, CPU per message: workers ${r.flow.workers.toFixed(3)} ms, sink ${r.flow.sink.toFixed(3)} ms, PostgreSQL ${r.flow.pg.toFixed(3)} ms; machine ${r.flow.busy.toFixed(0)}% busy (${os.cpus().length} CPUs)`,
    );
  }
}

const f = (v, d = 0) => v.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log(
  "\n| Subscribers | Workers | Messages/s (first to last accepted) | Messages/s (from its time) | First message after its time | Worker RSS idle | Worker peak RSS | CPU per message while sending: workers / sink / PostgreSQL | Machine busy while sending | Seeding | Load average (1 min) before → after |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---|");
for (const r of results) {
  console.log(
    `| ${f(r.n)}${r.sent < r.n ? ` (first ${f(r.sent)}, stopped at BENCH_MAX_SECONDS)` : ""} | ${r.workers} | ${f(r.rate)} | ${f(r.endToEnd)} | ${f(r.startDelay, 1)} s | ${f(r.idleRss)} MB | ${f(r.peakRss)} MB | ${f(r.flow.workers, 2)} / ${f(r.flow.sink, 2)} / ${f(r.flow.pg, 2)} ms | ${f(r.flow.busy)}% | ${f(r.seedSeconds)} s | ${f(r.load[0], 1)} → ${f(r.load[1], 1)} |`,
  );
}
const one = results.filter((r) => r.workers === Math.min(...WORKERS));
const big = one.find((r) => r.n === Math.max(...sizes));
const small = one.find((r) => r.n === Math.min(...sizes));
console.log("\nTargets:");
console.log(`  ≥ 1,500 messages/s at every size: ${results.every((r) => r.rate >= 1500) ? "met" : "NOT met"}`);
console.log(`  first message within a minute of its scheduled time: ${results.every((r) => r.startDelay <= 60) ? "met" : "NOT met"}`);
if (big !== small) {
  const rate = (big.rate / small.rate - 1) * 100;
  const growth = (big.peakRss / small.peakRss - 1) * 100;
  console.log(`  rate at ${f(big.n)} within 10% of ${f(small.n)}: ${Math.abs(rate) <= 10 ? "met" : "NOT met"} (${rate >= 0 ? "+" : ""}${f(rate, 1)}%)`);
  console.log(`  peak RSS at ${f(big.n)} within 20% of ${f(small.n)}: ${Math.abs(growth) <= 20 ? "met" : "NOT met"} (${growth >= 0 ? "+" : ""}${f(growth, 1)}%)`);
}
for (const n of sizes) {
  const [a, b] = [results.find((r) => r.n === n && r.workers === 1), results.find((r) => r.n === n && r.workers === 2)];
  if (a && b) console.log(`  two workers ≥ 1.5× one at ${f(n)}: ${b.rate / a.rate >= 1.5 ? "met" : "NOT met"} (${f(b.rate / a.rate, 2)}×)`);
}
console.log(`  (${os.cpus().length} CPUs; other processes on the machine share them)`);
