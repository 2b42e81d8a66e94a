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
import { frontContract } from "./contract";
import { pipeline, type Step } from "./pipeline";
import { chooseRenderStep } from "./steps/choose-render";
import { countQueries } from "./steps/count-queries";
import { guardInternals } from "./steps/guard-internals";
import { guardLocation } from "./steps/guard-location";
import { limitBody } from "./steps/limit-body";
import { securityHeaders } from "./steps/security-headers";
import { stampSocket } from "./steps/stamp-socket";

const env = envOrExit(process.env, "Lede could not start");
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
  ...(contract.server.queryCounts ? [countQueries(contract.server.queryCounts)] : []),
  stampSocket({ embeddedDemo: env.embeddedDemo, siteUrl }),
  securityHeaders({ https: siteUrl.startsWith("https:") }),
  guardInternals(),
  guardLocation({ siteOrigin: new URL(siteUrl || `http://localhost:${env.port}`).origin }),
  limitBody(),
  chooseRenderStep({ app: () => contract.app, secureCookies: siteUrl.startsWith("https:") }),
  serveWithNext,
];
const serve = pipeline(steps);

function onRequest(req: IncomingMessage, res: ServerResponse) {
  serve(req, res).catch((err: unknown) => {
    console.error(`[server] ${req.method} ${req.url} failed: ${err instanceof Error ? err.message : err}`);
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

function stopOnSignals(servers: http.Server[]) {
  const stop = () => {
    let open = servers.length;
    // The counts (lib/insight/counts.ts) are saved once the last request was answered.
    let exiting: Promise<unknown> | null = null;
    const exit = () =>
      (exiting ??= Promise.allSettled([contract.app?.flushCounts(), cache.peers?.stop()]).finally(() => process.exit(0)));
    for (const s of servers) s.close(() => --open === 0 && exit());
    // Connections still open after a few seconds are not waited for (their counts are).
    setTimeout(exit, 4_000).unref();
    setTimeout(() => process.exit(0), 6_000).unref();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
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
