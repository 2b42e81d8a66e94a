// npm run bench:newsletter [-- 10000 100000]
//
// Sends one issue to N subscribers through a real `npm run worker` process into a local
// SMTP sink (sink.mjs, a separate process that only counts), on a fresh PostgreSQL
// database, and reports messages per second and the worker's peak RSS for each N.
//
// Environment: BENCH_DATABASE_URL (a server to create lede_news_bench on; default
// postgres://postgres@127.0.0.1:5432/postgres), BENCH_SMTP_PORT (default 2552).
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import postgres from "postgres";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const SIZES = process.argv.slice(2).filter((a) => /^\d+$/.test(a)).map(Number);
const sizes = SIZES.length ? SIZES : [10_000, 100_000];
const SERVER = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB = "lede_news_bench";
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

/**
 * The worker exactly as `npm run worker` runs it (its node flags read from package.json),
 * minus tsx's wrapper process, so that /proc/<pid> is the worker itself.
 */
function workerArgs() {
  const script = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).scripts.worker.split(/\s+/);
  return [...script.filter((a) => a.startsWith("--")), "--import", "tsx", script.at(-1)];
}

async function runOnce(n) {
  await admin(`drop database if exists ${DB} with (force)`);
  await admin(`create database ${DB}`);
  tsx("scripts/db-migrate.ts");
  tsx("scripts/import-articles.ts", ["content/articles"]);
  const { issueId } = JSON.parse(tsx("bench/newsletter/seed.ts", [String(n)]).trim().split("\n").pop());

  let count = 0;
  let first = 0;
  let last = 0;
  const sink = await start(process.execPath, ["bench/newsletter/sink.mjs", String(SMTP_PORT)], /listening/, (line) => {
    const s = JSON.parse(line);
    if ("count" in s) ({ count, first, last } = s);
  });
  const worker = await start(process.execPath, workerArgs(), /worker running/);
  const idle = sample(worker.pid);
  const load0 = os.loadavg()[0];
  const clicked = Date.now();
  tsx("bench/newsletter/start-issue.ts", [String(issueId)]);
  let peak = idle.rss;
  while (count < n) {
    await new Promise((r) => setTimeout(r, 200));
    peak = Math.max(peak, sample(worker.pid).rss);
    if (Date.now() - clicked > 15 * 60_000) throw new Error(`only ${count} of ${n} messages after 15 minutes`);
  }
  const end = sample(worker.pid);
  const sinkCpu = sample(sink.pid).cpu;
  worker.kill("SIGTERM");
  sink.kill("SIGTERM");
  await admin(`drop database if exists ${DB} with (force)`);
  return {
    n,
    rate: n / ((last - first) / 1000),
    endToEnd: n / ((last - clicked) / 1000),
    idleRss: idle.rss / 1024,
    peakRss: Math.max(peak, end.hwm) / 1024,
    workerCpuMsPerMsg: ((end.cpu - idle.cpu) * 1000) / n,
    sinkCpuMsPerMsg: (sinkCpu * 1000) / n,
    load: [load0, os.loadavg()[0]],
  };
}

const results = [];
for (const n of sizes) {
  process.stdout.write(`${n.toLocaleString("en-GB")} subscribers… `);
  const r = await runOnce(n);
  results.push(r);
  console.log(`${r.rate.toFixed(0)} msg/s, peak RSS ${r.peakRss.toFixed(0)} MB`);
}

const f = (v, d = 0) => v.toLocaleString("en-GB", { maximumFractionDigits: d, minimumFractionDigits: d });
console.log("\n| Subscribers | Messages/s (first to last accepted) | Messages/s (from Send) | Worker RSS idle | Worker peak RSS | Worker CPU per message | Sink CPU per message | Load average (1 min) before → after |");
console.log("|---:|---:|---:|---:|---:|---:|---:|---|");
for (const r of results) {
  console.log(
    `| ${f(r.n)} | ${f(r.rate)} | ${f(r.endToEnd)} | ${f(r.idleRss)} MB | ${f(r.peakRss)} MB | ${f(r.workerCpuMsPerMsg, 2)} ms | ${f(r.sinkCpuMsPerMsg, 2)} ms | ${f(r.load[0], 1)} → ${f(r.load[1], 1)} |`,
  );
}
const big = results.find((r) => r.n === Math.max(...sizes));
const small = results.find((r) => r.n === Math.min(...sizes));
console.log("\nTargets:");
console.log(`  ≥ 1,000 messages/s at every size: ${results.every((r) => r.rate >= 1000) ? "met" : "NOT met"}`);
console.log(`  peak RSS < 300 MB: ${results.every((r) => r.peakRss < 300) ? "met" : "NOT met"}`);
if (big !== small) {
  const growth = (big.peakRss / small.peakRss - 1) * 100;
  console.log(`  peak RSS at ${f(big.n)} within 20% of ${f(small.n)}: ${Math.abs(growth) <= 20 ? "met" : "NOT met"} (${growth >= 0 ? "+" : ""}${f(growth, 1)}%)`);
}
console.log(`  (${os.cpus().length} CPUs; other processes on the machine share them)`);
