// Runs once when a server process starts: fail fast on a bad environment, fill in the app's
// side of the front server's contract (server/contract.ts), and start the queue workers
// inside the web process unless LEDE_WORKER=off.
import type { AppSide } from "./server/contract";

export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { getEnv } = await import("./lib/config/env");
  const env = getEnv();
  const [{ frontContract }, { renderForSession }, { meterChoiceNow }, { wallChoiceNow }, { countView, flushCounts }, { dropEverywhere }] = await Promise.all([
    import("./server/contract"),
    import("./lib/render/session-render"),
    import("./lib/meter/decide"),
    import("./lib/experiments/choose"),
    import("./lib/insight/counts"),
    import("./lib/cache/drops"),
  ]);
  const app: AppSide = { renderForSession, meterChoice: meterChoiceNow, wallChoice: wallChoiceNow, countView, flushCounts, dropEverywhere };
  frontContract().app = app;
  if (process.env.LEDE_METRICS_TOKEN) {
    const { registerDatabaseMetrics } = await import("./lib/metrics/database");
    registerDatabaseMetrics();
  }
  if (!env.inProcessWorker) return;
  const { startWorkers } = await import("./lib/jobs/worker");
  startWorkers().catch((err: Error) => console.error(`[jobs] workers did not start: ${err.message}`));
}
