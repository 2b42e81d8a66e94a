// npm run bench: builds and starts Lede once with the sample articles, then measures,
// alternating round by round (all the pages' rounds first, then the posts'): (a) a static
// baseline, (b) an anonymous reader and (c) a member on the same premium article, (d) the
// anonymous front page, (e) joins, (f) a trivial POST route handler, the floor Next sets
// for any form post, and with the meter on, (g) its wall for a reader whose free reads are
// used and (h) a metered read, and (i) (b) on a web process with view counting off, (l)/(m) (b)
// on two processes alike but for metrics and JSON logs, and (j)/(k) the front page and the
// members-only article through Varnish; then, once a wall experiment is started (PostgreSQL:
// bench/experiment.ts), (o) an anonymous reader new to it and (n) one who holds variant B,
// against (a) again; and (p)–(s) the same bytes as (b), (c), (d) and (g) from a plain Next
// app under `next start` (bench/plain.mjs), the baseline Lede's pages are judged against.
// Page requests are counted views. Writes bench/results.json and the table in bench/README.md.
// Exits non-zero when the run fails (or, with --strict, when a target is missed).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { execSync } from "node:child_process";
import { startApp, root } from "./app.mjs";
import { measure, warmUp } from "./load.mjs";
import { checkExperiment, checkResponses } from "./checks.mjs";
import { startPlainNext } from "./plain.mjs";
import { firstLoadJs } from "./first-load-js.mjs";
import { evaluate, renderTable, writeReadme } from "./report.mjs";

const SLUG = "harbour-night-ferry-trial"; // a premium sample article
const opts = {
  connections: Number(process.env.LEDE_BENCH_CONNECTIONS || 32),
  duration: Number(process.env.LEDE_BENCH_DURATION || 10),
  rounds: Number(process.env.LEDE_BENCH_ROUNDS || 5),
  strict: process.argv.includes("--strict"),
};

const loadAverage = () => os.loadavg().map((n) => Number(n.toFixed(2)));

const log = (line) => console.log(`[bench] ${line}`);

/** Lede's pages measured against a plain Next app serving their bytes: twin id → the page's scenario. */
const PLAIN_TWINS = { p: "b", q: "c", r: "d", s: "g" };

// Page requests come from a browser arriving from a search engine: each is counted as a
// view (lib/insight) with its source, as a real reader's would be.
const BROWSER = {
  "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36",
  referer: "https://www.google.com/",
};

function scenarios(app) {
  const page = (path, headers = {}) => ({ path, headers: { ...BROWSER, ...headers } });
  return [
    { id: "a", name: "static baseline (prerendered lede + gate)", request: page(`/bench-baseline/${SLUG}`) },
    { id: "b", name: "anonymous reader, premium article", request: page(`/articles/${SLUG}`) },
    { id: "c", name: "member, same premium article", request: page(`/articles/${SLUG}`, { cookie: app.memberCookie }) },
    { id: "d", name: "front page, anonymous", request: page("/") },
    { id: "e", name: "joins (gate form, distinct addresses)", join: { slug: SLUG } },
    { id: "f", name: "trivial POST route handler (Next's floor for a form post)", join: { slug: SLUG, path: "/bench-baseline/post" } },
    { id: "g", name: "the meter's wall: a reader whose free reads are used", request: page(`/articles/${app.metered}`, { cookie: app.meterSpent }) },
    { id: "h", name: "a metered free read (a re-read), with the meter's notice", request: page(`/articles/${app.metered}`, { cookie: app.meterReRead }) },
    // A wall experiment running (started after the other pages' rounds; PostgreSQL only).
    ...(app.database !== "pglite"
      ? [
          { id: "o", name: "anonymous reader new to a running wall experiment (drawn a variant, sent its cookie)", request: page(`/articles/${SLUG}`), experiment: true },
          { id: "n", name: "anonymous reader in variant B of a running wall experiment", request: page(`/articles/${SLUG}`, { cookie: `lede-wall=${app.wallExperiment}.1` }), experiment: true },
        ]
      : []),
    // (b) again on a second web process with view counting off: what counting costs.
    ...(app.quiet
      ? [{ id: "i", name: "(b) with view counting off (LEDE_COUNT_VIEWS=off)", request: page(`/articles/${SLUG}`), server: app.quiet }]
      : []),
    // Lede's own metrics and JSON logs: (b) on two web processes alike but for them.
    ...(app.twins.observed
      ? [
          { id: "l", name: "(b) on a process with metrics on and JSON logs", request: page(`/articles/${SLUG}`), server: app.twins.observed },
          { id: "m", name: "(b) on a process without them (LEDE_OBSERVE=off)", request: page(`/articles/${SLUG}`), server: app.twins.bare },
        ]
      : []),
    // Varnish in front: the anonymous front page and the members-only article, from its cache.
    ...(app.edge
      ? [
          { id: "j", name: "front page, anonymous, through Varnish", request: page("/"), server: app.edge },
          { id: "k", name: "members-only premium article, anonymous, through Varnish", request: page(`/articles/${SLUG}`), server: app.edge },
        ]
      : []),
  ];
}


/** The bytes Lede serves for each twin's page, and the scenarios that time the plain app serving them. */
async function plainScenarios(app, list, plain) {
  const pages = {};
  for (const [twin, of] of Object.entries(PLAIN_TWINS)) {
    const s = list.find((x) => x.id === of);
    const res = await fetch(app.baseUrl + s.request.path, { headers: s.request.headers });
    pages[twin] = await res.text();
  }
  const server = await plain(pages);
  const scenarios = Object.entries(PLAIN_TWINS).map(([twin, of]) => ({
    id: twin,
    name: `plain \`next start\`: (${of})'s bytes from a force-static route handler`,
    request: { path: `/${twin}`, headers: BROWSER },
    join: undefined,
    experiment: undefined,
    server,
  }));
  return { scenarios, server };
}

async function waitForMail(app, expected, timeoutMs) {
  const started = Date.now();
  while (app.smtp.received() < expected && Date.now() - started < timeoutMs) await new Promise((r) => setTimeout(r, 250));
  return { delivered: app.smtp.received(), expected, waitedMs: Date.now() - started };
}

async function main() {
  const startedAt = new Date();
  const loadAtStart = loadAverage();
  const app = await startApp({ log });
  let stopping = false;
  const onSignal = async (sig) => {
    if (stopping) return;
    stopping = true;
    log(`${sig}: stopping everything the bench started…`);
    await app.stop();
    process.exit(130);
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  let plainServer = null;
  try {
    // LEDE_BENCH_ONLY=e,f times only those scenarios (say, joins against their floor) and
    // leaves results.json and the table alone: a partial run is not the whole picture.
    // (a) is every ratio's baseline; a page's plain twin comes with it.
    const only = (process.env.LEDE_BENCH_ONLY ?? "").split(",").map((x) => x.trim()).filter(Boolean);
    const keep = (s) => only.length === 0 || only.includes(s.id) || s.id === "a" || (PLAIN_TWINS[s.id] !== undefined && only.includes(PLAIN_TWINS[s.id]));
    const lede = scenarios(app);
    log("Checking what each scenario answers…");
    await checkResponses(app.baseUrl, lede, SLUG); // every answer checked, however few are timed
    const twins = await plainScenarios(app, lede, (pages) => startPlainNext(pages, log));
    plainServer = twins.server;
    const list = [...lede, ...twins.scenarios].filter(keep);
    const js = await firstLoadJs(app.baseUrl, `/articles/${SLUG}`);
    log(`Article page first-load JavaScript: ${(js.gzipBytes / 1000).toFixed(1)} kB gzipped in ${js.files.length} files`);

    log("Warming up…");
    let joinsSent = 1; // the check's join
    const joins = list.filter((s) => s.join && !s.join.path);
    const pages = list.filter((s) => !s.join && !s.experiment);
    const inExperiment = list.filter((s) => s.experiment);
    for (const s of joins) joinsSent += await warmUp(app.baseUrl, s, opts.connections);
    await waitForMail(app, joinsSent, 180_000);
    for (const s of pages) await warmUp((s.server ?? app).baseUrl, s, opts.connections);
    for (const s of list.filter((x) => x.join?.path)) await warmUp(app.baseUrl, s, opts.connections);

    const runs = Object.fromEntries(list.map((s) => [s.id, []]));
    // Pages first, all their rounds, then the posts: thousands of joins leave the machine
    // busier for a minute or more (PostgreSQL's autovacuum, this process's grown heap),
    // and with everything in one round the pages timed soon after the joins paid for it
    // (the meter's wall measured 0.75x a static page after the joins, level with it before).
    const posts = list.filter((s) => s.join);
    // The wall experiment's rounds come after the other pages' (the edge scenarios need none
    // running: a variant is each reader's own, never kept by a shared cache), with (a) again.
    const experimentPhase = inExperiment.length > 0 ? [list.find((s) => s.id === "a"), ...inExperiment] : [];
    for (const phase of [pages, experimentPhase, posts]) {
      if (phase === experimentPhase && phase.length > 0) {
        log("Starting the wall experiment…");
        app.startExperiment();
        await checkExperiment(app.baseUrl, inExperiment);
        for (const s of inExperiment) await warmUp(app.baseUrl, s, opts.connections);
      }
      for (let round = 1; round <= opts.rounds; round++) {
        for (const s of phase) {
          const server = s.server ?? app;
          const r = await measure(server.baseUrl, s, { ...opts, serverPid: server.serverPid });
          runs[s.id].push(r);
          const cpu = r.cpuMsPerRequest === null ? "" : `, server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`;
          log(`round ${round} (${s.id}) ${s.name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${cpu}`);
          if (r.non2xx || r.errors) throw new Error(`(${s.id}) got ${r.non2xx} non-2xx answers and ${r.errors} errors`);
          if (s.join && !s.join.path) {
            joinsSent += r.ok;
            // The joins' sign-in mail is sent by this same process once they are answered:
            // let the queue deliver it (autocannon counts only answers that came back in
            // time: a few more may arrive) before (f) is timed, or (f) pays for it.
            const mail = await waitForMail(app, joinsSent, 180_000);
            log(`round ${round}: mail delivered ${mail.delivered}/${mail.expected} (waited ${(mail.waitedMs / 1000).toFixed(1)} s after the joins)`);
            if (mail.delivered < mail.expected) throw new Error("the queued sign-in mail was not delivered within 3 minutes");
          }
        }
      }
    }

    const results = {
      when: startedAt.toISOString(),
      commit: gitCommit(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, node: process.version, database: app.database },
      settings: { ...opts, article: SLUG },
      load: { start: loadAtStart, end: loadAverage() },
      firstLoadJs: js,
      scenarios: evaluate(list, runs),
    };
    results.targetsMet = results.scenarios.every((s) => s.met !== false) && js.met;
    if (only.length > 0) {
      results.only = only;
      fs.writeFileSync(path.join(root, "bench", "results-only.json"), JSON.stringify(results, null, 2) + "\n");
      console.log("\n" + renderTable(results) + "\n");
      log(`Only ${only.join(", ")}: wrote bench/results-only.json, left results.json and the table alone.`);
      return 0;
    }
    fs.writeFileSync(path.join(root, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
    writeReadme(path.join(root, "bench", "README.md"), results);
    console.log("\n" + renderTable(results) + "\n");
    log(`Wrote bench/results.json and the table in bench/README.md. Targets ${results.targetsMet ? "met" : "NOT all met"}.`);
    return opts.strict && !results.targetsMet ? 1 : 0;
  } finally {
    await plainServer?.stop();
    if (!stopping) await app.stop();
  }
}

function gitCommit() {
  try {
    return execSync("git rev-parse --short HEAD", { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[bench] failed: ${err.message}`);
    process.exit(1);
  },
);
