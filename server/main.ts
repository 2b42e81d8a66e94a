// Lede's front server: Next behind node:http. Each request goes through the steps below,
// in order (server/steps/, one module each); the last hands it to Next. Built into the
// build's server folder by scripts/build-server.mjs and started by server.js
// (README: "How a page is served").
import { AsyncLocalStorage } from "node:async_hooks";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import path from "node:path";
import next from "next";
import { envOrExit } from "@/lib/config/env";
import { renderCache } from "@/lib/cache/store";
import edgeSettings from "@/lib/edge/settings";
import logger from "@/lib/log/logger";
import endpoint from "@/lib/metrics/endpoint";
import lifecycle from "@/lib/service/lifecycle";
import { frontContract } from "./contract";
import { pipeline, type Step } from "./pipeline";
import { chooseRenderStep } from "./steps/choose-render";
import { countQueries } from "./steps/count-queries";
import { guardInternals } from "./steps/guard-internals";
import { guardLocation } from "./steps/guard-location";
import { health } from "./steps/health";
import { keepOffTheEdge } from "./steps/keep-off-edge";
import { limitBody } from "./steps/limit-body";
import { observe } from "./steps/observe";
import { securityHeaders } from "./steps/security-headers";
import { serveCached } from "./steps/serve-cached";
import { stampSocket } from "./steps/stamp-socket";

const env = envOrExit(process.env, "Lede could not start");
/** The service's own settings (README: "Metrics", "Logs", "An edge cache in front"), checked at once. */
function serviceSettings() {
  try {
    logger.logSettings(process.env);
    return {
      metrics: endpoint.metricsSettings(process.env),
      edge: edgeSettings.edgeSettings(process.env),
      stopping: lifecycle.stopSettings(process.env),
    };
  } catch (err) {
    console.error(`Lede could not start: ${err instanceof Error ? err.message : err}`);
    process.exit(1);
  }
}
const service = serviceSettings();
// Every line this process writes is JSON (pretty in development), with its request's id.
// LEDE_OBSERVE=off (the benchmark's comparison only) leaves out ids, JSON lines and metrics.
const observing = process.env.LEDE_OBSERVE !== "off";
if (observing) logger.bridgeConsole();
const contract = frontContract();
// The members' render exists only behind this server; tests count each request's queries.
contract.server = { queryCounts: env.countQueries ? new AsyncLocalStorage<{ queries: number }>() : null };
// This process's render cache, and (with DATABASE_URL) its lease among the web processes.
const cache = renderCache();

// This file is <project>/<build folder>-server/server.js once built.
const root = path.resolve(__dirname, "..");
const app = next({ dev: false, dir: root, hostname: "localhost", port: env.port });
const handle = app.getRequestHandler();

const siteUrl = env.configuredSiteUrl;
const serveWithNext: Step = { name: "serve", run: ({ req, res }) => handle(req, res) };

const steps: Step[] = [
  ...(observing ? [observe({ trustProxy: env.trustProxy })] : []),
  keepOffTheEdge(),
  ...(contract.server.queryCounts ? [countQueries(contract.server.queryCounts)] : []),
  health({ metrics: service.metrics }),
  stampSocket({ embeddedDemo: env.embeddedDemo, siteUrl }),
  securityHeaders({ https: siteUrl.startsWith("https:") }),
  guardInternals(),
  guardLocation({ siteOrigin: new URL(siteUrl || `http://localhost:${env.port}`).origin }),
  limitBody(),
  chooseRenderStep({ app: () => contract.app, secureCookies: siteUrl.startsWith("https:"), edge: { settings: service.edge, store: cache } }),
  serveCached({ store: () => cache }),
  serveWithNext,
];
const serve = pipeline(steps);

function onRequest(req: IncomingMessage, res: ServerResponse) {
  serve(req, res).catch((err: unknown) => {
    logger.throttled("request-failed", "error", `[server] ${req.method} ${(req.url ?? "").split("?")[0]} failed: ${err instanceof Error ? err.message : err}`);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
}

/** One server on one address; `listening` settles once it is bound (or cannot be). */
function listen(host: string) {
  const server = http.createServer(onRequest);
  server.keepAliveTimeout = 65_000;
  const listening = new Promise<string>((resolve, reject) => {
    server.once("error", (err) => reject(Object.assign(err, { address: host })));
    server.listen(env.port, host, () => resolve(host));
  });
  return { server, listening };
}

/**
 * SIGTERM (and SIGINT): readiness says 503, no new connections, requests in flight answered
 * (LEDE_STOP_GRACE_MS), then the counts saved, the peers' lease left and the log flushed
 * (README: "Health, readiness and stopping").
 */
function stopOnSignals(servers: http.Server[]) {
  const save = () =>
    Promise.allSettled([contract.app?.flushCounts(), cache.peers?.stop()])
      .then(() => console.log("[server] stopped: counts saved, lease left"))
      .then(() => logger.flushLog());
  const stop = () => lifecycle.stopGracefully({ servers, ...service.stopping, save, log: (msg: string) => console.log(`[server] ${msg}`) });
  // Outside any request: the lines it writes carry no request's id.
  process.on("SIGTERM", () => logger.withRequestId(undefined, stop));
  process.on("SIGINT", () => logger.withRequestId(undefined, stop));
}

async function start() {
  await app.prepare();
  const servers = env.listenHosts.map(listen);
  const results = await Promise.allSettled(servers.map((s) => s.listening));
  const bound = results.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = results.flatMap((r) => (r.status === "rejected" ? [r.reason as NodeJS.ErrnoException & { address: string }] : []));
  // An address this machine lacks (no IPv6, say) is skipped; a port in use is not.
  const fatal = failed.find((err) => !["EADDRNOTAVAIL", "EAFNOSUPPORT"].includes(err.code ?? ""));
  if (fatal || bound.length === 0) throw fatal || failed[0];
  for (const err of failed) console.log(`[server] not listening on ${err.address}: ${err.code}`);
  console.log(`Lede is serving ${siteUrl || `http://localhost:${env.port}`} (port ${env.port} on ${bound.join(", ")})`);
  stopOnSignals(servers.map((s) => s.server));
}

start().catch((err: unknown) => {
  console.error(`Lede could not start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
});
