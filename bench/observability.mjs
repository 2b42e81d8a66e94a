// What Lede's own metrics and JSON logs add to each request, measured in-process (CPU time per
// request of the work the front server (server/steps/observe.ts) does for them: a request id, its async context, the X-Request-Id
// header, the request counter and histogram), against a request served with none of it. On a
// loaded machine the HTTP scenarios (l)/(m) of `npm run bench` drown this in noise; this does not.
//   npx tsx bench/observability.mjs   (tsx: the request counter is TypeScript)
import http from "node:http";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const { withRequestId } = require("../lib/log/logger.js");
const { requestId } = require("../lib/service/request-id.js");
const { countRequest } = await import(/** @type {string} */ ("../lib/metrics/http.ts"));

const N = Number(process.env.N || 200_000);

function request() {
  const req = new http.IncomingMessage(null);
  req.method = "GET";
  req.url = "/articles/harbour-night-ferry-trial";
  req.headers = { "x-lede-render": "anonymous", "user-agent": "Mozilla/5.0" };
  const res = new http.ServerResponse(req);
  return { req, res };
}

function run(observed) {
  const started = process.cpuUsage();
  for (let i = 0; i < N; i++) {
    const { req, res } = request();
    const serve = () => {
      res.statusCode = 200;
      res.emit("finish");
    };
    if (observed) {
      const id = requestId(req.headers, false);
      res.setHeader("X-Request-Id", id);
      countRequest(req, res);
      withRequestId(id, serve);
    } else serve();
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / N; // µs per request
}

for (let round = 0; round < 2; round++) run(round % 2 === 0); // warm-up
const rounds = { observed: [], bare: [] };
for (let round = 0; round < 6; round++) {
  rounds.bare.push(run(false));
  rounds.observed.push(run(true));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const added = median(rounds.observed) - median(rounds.bare);
console.log(JSON.stringify({ requests: N, bareUs: median(rounds.bare), observedUs: median(rounds.observed), addedUsPerRequest: added }));
