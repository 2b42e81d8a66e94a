// Medians over the rounds, ratios to the static baseline, the targets, and the table
// written into bench/README.md between its results markers.
import fs from "node:fs";

/** Each of Lede's pages against a plain Next app serving its bytes (bench/plain.mjs). */
const PLAIN = { b: "p", c: "q", d: "r", g: "s" };
const plainOf = (s, all) => all[PLAIN[s.id]];
/** Without the plain twins (a run that could not build them), against (a) as before. */
const vsPlain = (share) => (s, a, all) => s.rps >= share * (plainOf(s, all) ?? a).rps;

const TARGETS = {
  b: { text: "≥ 0.9× (p) req/s", met: vsPlain(0.9) },
  c: { text: "≥ 0.8× (q) req/s, p99 < 150 ms", met: (s, a, all) => vsPlain(0.8)(s, a, all) && s.p99 < 150 },
  d: { text: "≥ 0.8× (r) req/s", met: vsPlain(0.8) },
  e: { text: "≥ 0.5× (f) req/s", met: (s, _a, all) => s.rps >= 0.5 * all.f.rps },
  g: { text: "≥ 0.8× (s) req/s", met: vsPlain(0.8) },
  h: { text: "≥ 0.4× (a) req/s", met: (s, a) => s.rps >= 0.4 * a.rps },
  i: { text: "(b) without counting: for comparison", met: () => true },
  j: { text: "≥ 10× (a) req/s", met: (s, a) => s.rps >= 10 * a.rps },
  k: { text: "≥ 10× (a) req/s", met: (s, a) => s.rps >= 10 * a.rps },
  l: { text: "CPU/req < 1.03× (m)", met: (s, _a, all) => s.cpuMs !== null && all.m.cpuMs !== null && s.cpuMs < 1.03 * all.m.cpuMs },
  m: { text: "(l) without metrics and JSON logs: for comparison", met: () => true },
  n: { text: "≥ 0.9× (a) req/s", met: (s, a) => s.rps >= 0.9 * a.rps },
  o: { text: "≥ 0.9× (a) req/s", met: (s, a) => s.rps >= 0.9 * a.rps },
  p: { text: "plain Next baseline for (b)", met: () => null },
  q: { text: "plain Next baseline for (c)", met: () => null },
  r: { text: "plain Next baseline for (d)", met: () => null },
  s: { text: "plain Next baseline for (g)", met: () => null },
};

const median = (xs) => {
  const v = [...xs].sort((x, y) => x - y);
  const mid = v.length >> 1;
  return v.length % 2 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
};

export function evaluate(list, runs) {
  const summary = list.map((s) => {
    const r = runs[s.id];
    const cpu = r.every((x) => x.cpuMsPerRequest !== null) ? median(r.map((x) => x.cpuMsPerRequest)) : null;
    return { id: s.id, name: s.name, rps: median(r.map((x) => x.rps)), p50: median(r.map((x) => x.p50)), p99: median(r.map((x) => x.p99)), cpuMs: cpu, rounds: r };
  });
  const a = summary.find((s) => s.id === "a");
  const all = Object.fromEntries(summary.map((s) => [s.id, s]));
  for (const s of summary) {
    const twin = plainOf(s, all);
    s.ratio = {
      rps: s.rps / a.rps,
      p50: s.p50 / a.p50,
      p99: s.p99 / a.p99,
      cpuMs: s.cpuMs !== null && a.cpuMs ? s.cpuMs / a.cpuMs : null,
      plainRps: twin ? s.rps / twin.rps : null,
      plainCpuMs: twin && s.cpuMs !== null && twin.cpuMs ? s.cpuMs / twin.cpuMs : null,
    };
    const t = TARGETS[s.id];
    s.target = t ? t.text : "baseline";
    // A run of some scenarios only (LEDE_BENCH_ONLY): a target that needs one left out is not judged.
    try {
      s.met = t ? t.met(s, a, all) : null;
    } catch {
      s.met = null;
    }
  }
  return summary;
}

const fmt = (n, digits = 0) => n.toLocaleString("en-GB", { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function renderTable(results) {
  const rows = [
    "| scenario | req/s | × (a) | × plain | p50 ms | × (a) | p99 ms | × (a) | server CPU ms/req | × (a) | × plain | target | met |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|:-:|",
  ];
  for (const s of results.scenarios) {
    const met = s.met === null ? "" : s.met ? "yes" : "**no**";
    const cpu = s.cpuMs === null ? "–" : fmt(s.cpuMs, 2);
    const cpuRatio = s.ratio.cpuMs === null ? "–" : fmt(s.ratio.cpuMs, 2);
    const plain = (r) => (r === null || r === undefined ? "" : fmt(r, 2));
    rows.push(`| (${s.id}) ${s.name} | ${fmt(s.rps)} | ${fmt(s.ratio.rps, 2)} | ${plain(s.ratio.plainRps)} | ${fmt(s.p50, 1)} | ${fmt(s.ratio.p50, 2)} | ${fmt(s.p99, 1)} | ${fmt(s.ratio.p99, 2)} | ${cpu} | ${cpuRatio} | ${plain(s.ratio.plainCpuMs)} | ${s.target} | ${met} |`);
  }
  const js = results.firstLoadJs;
  rows.push(`| article page first-load JS | ${fmt(js.gzipBytes / 1000, 1)} kB gzipped (${js.files.length} files) | | | | | | | | ≤ 100 kB | ${js.met ? "yes" : "**no**"} |`);
  const m = results.machine;
  const st = results.settings;
  const missed = results.scenarios.some((s) => s.met === false) || !js.met;
  if (missed) rows.push("", "Where a target is missed, “Where the time goes, and the gaps” above says why, with numbers.");
  return [
    `Measured ${results.when.slice(0, 16).replace("T", " ")} UTC at ${results.commit ?? "?"}: ${m.cpus} × ${m.cpuModel}, Node ${m.node}, ${m.database === "postgres" ? "PostgreSQL" : "PGlite"};`,
    `${st.connections} connections, ${st.duration} s per scenario, ${st.rounds} alternating rounds (medians shown)${results.only ? `, scenarios ${results.only.join(", ")} only` : ""}. Server CPU is the`,
    "Lede process's CPU time per request (not PostgreSQL's): steadier than req/s when other work shares the machine.",
    "× plain: against (p)–(s), the same bytes from a force-static route handler of a plain Next app under `next start`, measured in the same run.",
    ...(results.load ? [`Load average (1, 5, 15 min) at the start ${results.load.start.join(", ")}, at the end ${results.load.end.join(", ")}: the machine is shared.`] : []),
    "",
    ...rows,
  ].join("\n");
}

/** Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` in `file`. */
export function writeSection(file, name, text) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const current = fs.readFileSync(file, "utf8");
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  if (from < 0 || to < from) throw new Error(`${file} has no ${start} … ${end} section`);
  fs.writeFileSync(file, `${current.slice(0, from + start.length)}\n${text}\n${current.slice(to)}`);
}

export function writeReadme(file, results) {
  writeSection(file, "results", renderTable(results));
}
