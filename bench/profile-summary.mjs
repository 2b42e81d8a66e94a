// Where a web process spent its CPU: reads a V8 CPU profile (`npm run bench` with
// LEDE_BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=<folder>" writes one for the measured web
// process when it stops) and prints
// the self time by function and by module, the biggest first.
//   node bench/profile-summary.mjs <file.cpuprofile> [how many lines, 30]
import fs from "node:fs";

const [file, many = "30"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/profile-summary.mjs <file.cpuprofile> [lines]");
  process.exit(1);
}

/** @typedef {{ id: number, callFrame: { functionName: string, url: string, lineNumber: number }, children?: number[] }} ProfileNode */
/** @type {{ nodes: ProfileNode[], samples: number[], timeDeltas: number[] }} */
const profile = JSON.parse(fs.readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
/** @type {Map<number, number>} self µs by node */
const self = new Map();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

/** The module a frame belongs to: a package, a Lede file, Next's server, or Node's own. */
function moduleOf(/** @type {string} */ url) {
  if (!url) return "(native / idle / gc)";
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?:dist\/)?((?:[^/]+\/){0,2})/.exec(url);
  if (pkg) return `${pkg[1]}/${pkg[2]}`;
  if (url.startsWith("node:")) return url;
  return url.replace(/^file:\/\/.*?\/(\.next[^/]*\/)/, "$1");
}

/** @param {(n: ProfileNode) => string} key */
function top(key) {
  const sums = new Map();
  for (const [id, us] of self) {
    const k = key(/** @type {ProfileNode} */ (byId.get(id)));
    sums.set(k, (sums.get(k) ?? 0) + us);
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, Number(many));
}

const pct = (/** @type {number} */ us) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
console.log(`${(total / 1e6).toFixed(1)} s of samples in ${file}\n\nSelf time by module:`);
for (const [k, us] of top((n) => moduleOf(n.callFrame.url))) console.log(`${pct(us)}  ${k}`);
console.log("\nSelf time by function:");
for (const [k, us] of top((n) => `${n.callFrame.functionName || "(anonymous)"}  ${moduleOf(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`)) console.log(`${pct(us)}  ${k}`);

// Inclusive: the time under each of Lede's own functions (the front server's steps, the
// cache handler), whatever they called.
/** @type {Map<number, number>} */
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
/** @type {Map<string, number>} */
const inclusive = new Map();
for (const [id, us] of self) {
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = /** @type {ProfileNode} */ (byId.get(at)).callFrame;
    if (!f.url || f.url.includes("node_modules") || f.url.startsWith("node:") || !/-server\//.test(f.url)) continue;
    const k = `${f.functionName || "(anonymous)"}  ${moduleOf(f.url)}:${f.lineNumber + 1}`;
    if (seen.has(k)) continue;
    seen.add(k);
    inclusive.set(k, (inclusive.get(k) ?? 0) + us);
  }
}
console.log("\nInclusive time in Lede's front server and cache handler bundles:");
for (const [k, us] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, Number(many))) console.log(`${pct(us)}  ${k}`);
