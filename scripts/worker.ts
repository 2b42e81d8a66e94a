// npm run worker — queue workers in their own process; run as many as you like, anywhere.
import "./load-env";
import { startWorkers } from "@/lib/jobs/worker";
import { stopBoss } from "@/lib/jobs/boss";
import { closeDb } from "@/lib/db/client";
import { describeDbError } from "@/lib/db/describe-error";
import { envOrExit } from "@/lib/config/env";
import http from "node:http";
import logger from "@/lib/log/logger";
import endpoint from "@/lib/metrics/endpoint";
import { registerDatabaseMetrics } from "@/lib/metrics/database";

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL: the embedded database can be opened by one process only, and there the workers already run inside the web process.",
    );
    process.exit(1);
  }
  envOrExit(process.env, "npm run worker");
  logger.bridgeConsole();
  const metricsOn = endpoint.metricsSettings(process.env);
  if (metricsOn && !metricsOn.port) throw new Error("npm run worker: LEDE_METRICS_TOKEN is set but LEDE_METRICS_PORT is not: the worker has no other port to answer on");
  await startWorkers();
  // The worker's metrics, on a port of its own (README: "Metrics").
  let metricsServer: http.Server | null = null;
  if (metricsOn?.port) {
    registerDatabaseMetrics();
    const server = http.createServer((req, res) => {
      if (endpoint.isMetricsRequest(req.url)) return void endpoint.answerMetrics(req, res, metricsOn);
      res.writeHead(404).end();
    });
    await new Promise<void>((resolve, reject) => server.once("error", reject).listen(metricsOn.port!, metricsOn.host, resolve));
    metricsServer = server;
  }
  console.log("Lede worker running. Ctrl-C to stop.");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    metricsServer?.close();
    await stopBoss();
    await closeDb();
    await logger.flushLog();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(describeDbError(err, process.env.DATABASE_URL || undefined));
  process.exit(1);
});
