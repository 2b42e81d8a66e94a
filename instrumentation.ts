// Runs once when a server process starts: fail fast on a bad environment, give server.js
// its session lookup, and start the queue workers inside the web process unless
// LEDE_WORKER=off.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getEnv } = await import("./lib/env");
  const env = getEnv();
  const { exposeRenderChoice } = await import("./lib/render/session-render");
  exposeRenderChoice();
  const { exposeMeter } = await import("./lib/meter/decide");
  exposeMeter();
  const { exposeWallChoice } = await import("./lib/experiments/choose");
  exposeWallChoice();
  const { exposeCounting } = await import("./lib/insight/counts");
  exposeCounting();
  if (process.env.LEDE_METRICS_TOKEN) {
    const { registerDatabaseMetrics } = await import("./lib/metrics/database");
    registerDatabaseMetrics();
  }
  if (!env.inProcessWorker) return;
  const { startWorkers } = await import("./lib/jobs/worker");
  startWorkers().catch((err: Error) => console.error(`[jobs] workers did not start: ${err.message}`));
}
