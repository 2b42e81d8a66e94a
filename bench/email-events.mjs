// `npm run bench:events`: how many provider events a second /api/email-events takes, and
// whether an anonymous article keeps its speed meanwhile. Starts the bench app (bench/app.mjs)
// with SendGrid and Postmark configured by keys made here, then alternates, round by round:
//   (f) the trivial POST route handler (Next's floor for a post, as in `npm run bench`);
//   (p) Postmark: one signed-in-by-basic-auth bounce per request;
//   (s) SendGrid: a batch of 50 events per request, ECDSA-signed over timestamp + body
//       (SendGrid batches its posts), each event a new id and a new address;
//   (b) an anonymous reader on the premium article, alone;
//   (b+s) the same article while (s) runs on half the connections.
// Every event is new (no replay), so each one is recorded and acted on (an address suppressed).
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { root, startApp } from "./app.mjs";
import { serverCpuMs } from "./load.mjs";
import os from "node:os";

const ROUNDS = Number(process.env.LEDE_BENCH_ROUNDS ?? 3);
const DURATION = Number(process.env.LEDE_BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.LEDE_BENCH_CONNECTIONS ?? 32);
const BATCH = 50;
const SLUG = "harbour-night-ferry-trial";
const log = (m) => console.log(`[bench:events] ${m}`);

const { publicKey, privateKey } = crypto.generateKeyPairSync("ec", { namedCurve: "prime256v1" });
process.env.SENDGRID_WEBHOOK_PUBLIC_KEY = publicKey.export({ format: "der", type: "spki" }).toString("base64");
process.env.POSTMARK_WEBHOOK_USER = "bench";
process.env.POSTMARK_WEBHOOK_PASSWORD = crypto.randomBytes(12).toString("hex");
const postmarkAuth = "Basic " + Buffer.from(`bench:${process.env.POSTMARK_WEBHOOK_PASSWORD}`).toString("base64");
const run = crypto.randomBytes(3).toString("hex");
let n = 0;

const requests = {
  f: { method: "POST", path: "/bench-baseline/post", headers: { "content-type": "application/x-www-form-urlencoded", accept: "application/json" }, body: "email=floor%40example.com&intent=join" },
  p: {
    method: "POST",
    path: "/api/email-events/postmark",
    setupRequest: (req) => {
      const i = ++n;
      return { ...req, headers: { "content-type": "application/json", authorization: postmarkAuth }, body: JSON.stringify({ RecordType: "Bounce", ID: `${run}-${i}`, Type: "HardBounce", TypeCode: 1, Email: `pm-${run}-${i}@bench.example`, BouncedAt: new Date().toISOString(), Description: "bench" }) };
    },
  },
  s: {
    method: "POST",
    path: "/api/email-events/sendgrid",
    setupRequest: (req) => {
      const ts = Math.floor(Date.now() / 1000);
      const events = Array.from({ length: BATCH }, () => {
        const i = ++n;
        return { email: `sg-${run}-${i}@bench.example`, event: "bounce", type: "bounce", sg_event_id: `${run}-${i}`, timestamp: ts, reason: "550 5.1.1 bench" };
      });
      const body = JSON.stringify(events);
      const signature = crypto.sign("sha256", Buffer.from(`${ts}${body}`), { key: privateKey, dsaEncoding: "der" }).toString("base64");
      return { ...req, headers: { "content-type": "application/json", "x-twilio-email-event-webhook-signature": signature, "x-twilio-email-event-webhook-timestamp": String(ts) }, body };
    },
  },
  b: { method: "GET", path: `/articles/${SLUG}` },
};

let serverPid = null;

// Server CPU per request (the web process's, from /proc) as well as req/s: on a shared
// machine the rate moves with everyone else's work, the CPU a request costs much less.
async function load(url, request, connections) {
  const cpuBefore = serverCpuMs(serverPid);
  const r = await autocannon({ url, connections, duration: DURATION, requests: [request] });
  const cpuAfter = serverCpuMs(serverPid);
  const cpuMsPerRequest = cpuBefore !== null && cpuAfter !== null && r.requests.total ? (cpuAfter - cpuBefore) / r.requests.total : null;
  return { rps: r.requests.average, ok: r["2xx"], non2xx: r.non2xx, errors: r.errors + r.timeouts, p50: r.latency.p50, p99: r.latency.p99, cpuMsPerRequest };
}

const loadAverage = () => os.loadavg().map((x) => Number(x.toFixed(2)));

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const app = await startApp({ log, gated: SLUG });
  serverPid = app.serverPid;
  const loadBefore = loadAverage();
  try {
    // Check each answers before timing.
    for (const id of ["p", "s"]) {
      const req = requests[id].setupRequest({});
      const res = await fetch(app.baseUrl + requests[id].path, { method: "POST", headers: req.headers, body: req.body });
      if (res.status !== 200) throw new Error(`(${id}) answered ${res.status}: ${await res.text()}`);
    }
    for (const id of ["f", "p", "s", "b"]) await autocannon({ url: app.baseUrl, connections: CONNECTIONS, duration: 2, requests: [requests[id]] });
    const runs = { f: [], p: [], s: [], b: [], bs: [], sb: [] };
    for (let round = 1; round <= ROUNDS; round++) {
      for (const id of ["f", "p", "s", "b"]) {
        const r = await load(app.baseUrl, requests[id], CONNECTIONS);
        // A refused event (non-2xx) is a failure; a timed-out connection on this shared machine is reported.
        if (r.non2xx) throw new Error(`(${id}) ${r.non2xx} non-2xx answers`);
        runs[id].push(r);
        const cpu = r.cpuMsPerRequest === null ? "" : `, server CPU ${r.cpuMsPerRequest.toFixed(2)} ms/request`;
        log(`round ${round} (${id}): ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms${cpu}${r.errors ? `, ${r.errors} timeouts/errors` : ""}; load ${loadAverage().join(" ")}`);
      }
      const [b, s] = await Promise.all([load(app.baseUrl, requests.b, CONNECTIONS / 2), load(app.baseUrl, requests.s, CONNECTIONS / 2)]);
      runs.bs.push(b);
      runs.sb.push(s);
      log(`round ${round} (b+s): article ${b.rps.toFixed(0)} req/s (p99 ${b.p99} ms) while events ${(s.rps * BATCH).toFixed(0)}/s`);
    }
    const m = (id) => median(runs[id].map((r) => r.rps));
    const cpu = (id) => (runs[id].every((r) => r.cpuMsPerRequest !== null) ? median(runs[id].map((r) => r.cpuMsPerRequest)) : null);
    const results = {
      at: new Date().toISOString(),
      database: app.database,
      rounds: ROUNDS,
      durationSeconds: DURATION,
      connections: CONNECTIONS,
      floorPostRps: m("f"),
      postmarkEventsPerSecond: m("p"),
      sendgridEventsPerSecond: m("s") * BATCH,
      sendgridRequestsPerSecond: m("s"),
      articleAloneRps: m("b"),
      articleDuringEventsRps: m("bs"),
      eventsDuringArticleEventsPerSecond: m("sb") * BATCH,
      serverCpuMsPerRequest: { floor: cpu("f"), postmark: cpu("p"), sendgridBatch: cpu("s"), article: cpu("b") },
      loadAverage: { before: loadBefore, after: loadAverage() },
      runs,
    };
    fs.writeFileSync(path.join(root, "bench", "events-results.json"), JSON.stringify(results, null, 2) + "\n");
    log(`floor POST ${results.floorPostRps.toFixed(0)} req/s; Postmark ${results.postmarkEventsPerSecond.toFixed(0)} events/s (${(results.postmarkEventsPerSecond / results.floorPostRps).toFixed(2)}x the floor); SendGrid batches ${results.sendgridEventsPerSecond.toFixed(0)} events/s (${results.sendgridRequestsPerSecond.toFixed(0)} req/s)`);
    const c = results.serverCpuMsPerRequest;
    if (c.floor !== null) log(`server CPU per request: floor ${c.floor.toFixed(2)} ms, Postmark event ${c.postmark.toFixed(2)} ms, SendGrid batch of ${BATCH} ${c.sendgridBatch.toFixed(2)} ms (${(c.sendgridBatch / BATCH).toFixed(3)} ms an event); load average ${results.loadAverage.before.join(" ")} → ${results.loadAverage.after.join(" ")}`);
    log(`anonymous article alone ${results.articleAloneRps.toFixed(0)} req/s; at half the connections while SendGrid events arrive at ${results.eventsDuringArticleEventsPerSecond.toFixed(0)}/s: ${results.articleDuringEventsRps.toFixed(0)} req/s`);
  } finally {
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
