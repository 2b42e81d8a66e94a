// npm run bench:lighthouse: Lighthouse (mobile defaults: simulated slow 4G, 4× CPU) on a
// premium article as an anonymous reader sees it, three runs, with the system Chromium.
// Prints the median score of each category, writes bench/lighthouse.json (and the last
// run's report to bench/lighthouse-report.html), and exits non-zero below the targets.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse from "lighthouse";
import { freePort, root, startApp } from "./app.mjs";
import { writeSection } from "./report.mjs";

const SLUG = "harbour-night-ferry-trial";
const RUNS = Number(process.env.LEDE_LIGHTHOUSE_RUNS || 3);
const TARGETS = { performance: 95, accessibility: 100, "best-practices": 95, seo: 100 };
const CHROMIUM = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find(
  (p) => p && fs.existsSync(p),
);

const log = (line) => console.log(`[lighthouse] ${line}`);

async function startChromium() {
  if (!CHROMIUM) throw new Error("no Chromium found: apt-get install -y chromium (or set CHROME_PATH)");
  const port = await freePort();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "lede-lighthouse-"));
  const args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-dev-shm-usage", "--no-first-run", `--remote-debugging-port=${port}`, `--user-data-dir=${profile}`, "about:blank"];
  const child = spawn(CHROMIUM, args, { stdio: "ignore", detached: true });
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/json/version`)).ok) break;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    fs.rmSync(profile, { recursive: true, force: true });
  };
  return { port, stop };
}

function lighthouseTable(out) {
  const rows = Object.entries(out.targets).map(([c, min]) => {
    const target = c === "accessibility" || c === "seo" ? `${min}` : `≥ ${min}`;
    return `| ${c} | ${out.scores[c]} | ${out.runs.map((r) => r.scores[c]).join(", ")} | ${target} | ${out.scores[c] >= min ? "yes" : "**no**"} |`;
  });
  return [
    `Lighthouse ${out.lighthouse} (mobile defaults), ${out.url} as an anonymous reader sees it, ${out.runs.length} runs, ${out.when.slice(0, 16).replace("T", " ")} UTC:`,
    "",
    "| category | median | runs | target | met |",
    "|---|---:|---|---|:-:|",
    ...rows,
  ].join("\n");
}

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main() {
  // Served as http://localhost:<port>, the origin the app is told it has (canonical links).
  const app = await startApp({ log, siteUrlForPort: (port) => `http://localhost:${port}` });
  let chromium;
  try {
    const url = `http://localhost:${app.port}/articles/${SLUG}`;
    await fetch(url); // the first view renders the cached page
    chromium = await startChromium();
    const runs = [];
    let report = "";
    for (let i = 1; i <= RUNS; i++) {
      const result = await lighthouse(url, { port: chromium.port, output: "html", logLevel: "error", onlyCategories: Object.keys(TARGETS) });
      const scores = Object.fromEntries(Object.keys(TARGETS).map((c) => [c, Math.round(result.lhr.categories[c].score * 100)]));
      const failing = Object.values(result.lhr.audits)
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
        .map((a) => `${a.id} (${a.displayValue ?? a.score})`);
      const metrics = Object.fromEntries(["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"].map((id) => [id, result.lhr.audits[id].displayValue]));
      runs.push({ scores, metrics, failing });
      report = /** @type {string} */ (result.report); // output: "html", one report
      log(`run ${i}: ${Object.entries(scores).map(([c, s]) => `${c} ${s}`).join(", ")}`);
    }
    const scores = Object.fromEntries(Object.keys(TARGETS).map((c) => [c, median(runs.map((r) => r.scores[c]))]));
    const met = Object.entries(TARGETS).every(([c, min]) => scores[c] >= min);
    const out = { when: new Date().toISOString(), lighthouse: "12.2.3", chromium: CHROMIUM, url: `/articles/${SLUG}`, targets: TARGETS, scores, met, runs };
    fs.writeFileSync(path.join(root, "bench", "lighthouse.json"), JSON.stringify(out, null, 2) + "\n");
    fs.writeFileSync(path.join(root, "bench", "lighthouse-report.html"), report);
    writeSection(path.join(root, "bench", "README.md"), "lighthouse", lighthouseTable(out));
    for (const [c, min] of Object.entries(TARGETS)) log(`${c}: ${scores[c]} (target ${c === "accessibility" || c === "seo" ? "" : "≥ "}${min})`);
    if (runs.at(-1).failing.length) log(`not full marks: ${runs.at(-1).failing.join(", ")}`);
    log(`Wrote bench/lighthouse.json and bench/lighthouse-report.html. Targets ${met ? "met" : "NOT met"}.`);
    return met ? 0 : 1;
  } finally {
    chromium?.stop();
    await app.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`[lighthouse] failed: ${err.message}`);
    process.exit(1);
  },
);
