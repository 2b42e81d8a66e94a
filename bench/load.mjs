// Load for one scenario with autocannon: plain GETs, or joins that each send the gate
// form with a new address from a new client address (X-Forwarded-For, believed because
// the bench runs the app with TRUST_PROXY=1 as behind a proxy: no bypass of any limit).
import crypto from "node:crypto";
import fs from "node:fs";
import autocannon from "autocannon";

const run = crypto.randomBytes(3).toString("hex");
let joins = 0;

/**
 * A client address in 2001:db8::/32 (set aside for documentation): each join from its own
 * /48 of the 65,536 there, as joins from many networks would arrive (one network asking
 * for every join would meet its own budgets, README "Sign-in").
 */
function benchAddress(n) {
  return `2001:db8:${(n & 0xffff).toString(16)}:${((n >> 16) & 0xffff).toString(16)}::1`;
}

function joinRequest(slug, path = "/signin/request") {
  return {
    method: "POST",
    path,
    setupRequest(req) {
      const n = ++joins;
      return {
        ...req,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          "x-forwarded-for": benchAddress(n),
        },
        body: new URLSearchParams({
          email: `bench-${run}-${n}@example.com`,
          article: slug,
          intent: "join",
          newsletter: "yes",
          callbackUrl: `/articles/${slug}`,
        }).toString(),
      };
    },
  };
}

/**
 * CPU time the server process has used, in ms (Linux /proc; null elsewhere). Per request
 * it shows what a page costs even while other work shares the machine, which moves
 * requests per second and latency about.
 */
export function serverCpuMs(pid) {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime, at 100 ticks a second
  } catch {
    return null;
  }
}

async function load(baseUrl, scenario, { connections, duration, serverPid }) {
  const request = scenario.join ? joinRequest(scenario.join.slug, scenario.join.path) : { method: "GET", path: scenario.request.path, headers: scenario.request.headers ?? {} };
  const cpuBefore = serverCpuMs(serverPid);
  const r = await autocannon({ url: baseUrl, connections, duration, requests: [request] });
  const cpuAfter = serverCpuMs(serverPid);
  return {
    rps: r.requests.average,
    total: r.requests.total,
    ok: r["2xx"],
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    kbPerRequest: r.requests.total ? r.throughput.total / r.requests.total / 1000 : 0,
    cpuMsPerRequest: cpuBefore !== null && cpuAfter !== null && r.requests.total ? (cpuAfter - cpuBefore) / r.requests.total : null,
  };
}

/** One timed run. */
export function measure(baseUrl, scenario, opts) {
  return load(baseUrl, scenario, opts);
}

/** A short untimed run (JIT, caches, connection pools); returns how many joins it made. */
export async function warmUp(baseUrl, scenario, connections) {
  const r = await load(baseUrl, scenario, { connections, duration: 2, serverPid: null });
  if (r.non2xx || r.errors) throw new Error(`warm-up of (${scenario.id}) got ${r.non2xx} non-2xx answers and ${r.errors} errors`);
  return scenario.join ? r.ok : 0;
}
