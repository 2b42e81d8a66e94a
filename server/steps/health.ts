// Step: the service's own answers, before anything else reads the request (README: "Health,
// readiness and stopping", "Metrics"): liveness at once (no database, no Next); readiness
// 503 while stopping (else the app's route checks the database, migrations and render
// cache); /metrics behind its bearer token when LEDE_METRICS_TOKEN is set. While stopping,
// every other answer closes its connection, so keep-alive clients go elsewhere.
import endpoint from "@/lib/metrics/endpoint";
import lifecycle from "@/lib/service/lifecycle";
import type { Step } from "../pipeline";

export function health({ metrics }: { metrics: ReturnType<typeof endpoint.metricsSettings> }): Step {
  return {
    name: "answer health and metrics",
    run({ req, res, beforeHeaders }, next) {
      const path = lifecycle.pathOf(req.url);
      if (path === lifecycle.LIVE_PATH) return lifecycle.answerLive(res);
      if (path === lifecycle.READY_PATH && lifecycle.lifecycle().draining) return lifecycle.answerDraining(res);
      if (metrics && endpoint.isMetricsRequest(req.url)) return endpoint.answerMetrics(req, res, metrics);
      beforeHeaders(() => lifecycle.closeWhenDraining(res));
      return next();
    },
  };
}
