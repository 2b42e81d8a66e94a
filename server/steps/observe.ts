// Step: every request gets its id (on each log line it causes, and in X-Request-Id: a
// trusted proxy's own when well formed) and is counted, by render and status, once its
// answer ends (lib/metrics/http.ts). LEDE_OBSERVE=off (the benchmark's comparison only)
// leaves this step out.
import logger from "@/lib/log/logger";
import { countRequest } from "@/lib/metrics/http";
import requestIds from "@/lib/service/request-id";
import type { Step } from "../pipeline";

export function observe({ trustProxy }: { trustProxy: boolean }): Step {
  return {
    name: "id and count every request",
    run({ req, res }, next) {
      const id = requestIds.requestId(req.headers, trustProxy);
      res.setHeader("X-Request-Id", id);
      countRequest(req, res);
      return logger.withRequestId(id, next);
    },
  };
}
