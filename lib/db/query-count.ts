// Counts database queries per request, for tests only: the front server opens a count for
// each request when LEDE_COUNT_QUERIES=1 and reports it in the x-lede-queries response header
// (server/steps/count-queries.ts).
import type { Logger } from "drizzle-orm";
import { env } from "@/lib/config/env";

import { frontContract } from "@/server/contract";

/** Drizzle's logger option when counting is on; undefined (no logger, no cost) otherwise. */
export function queryCountingLogger(): Logger | undefined {
  if (!env.countQueries) return undefined;
  return {
    logQuery() {
      const store = frontContract().server?.queryCounts?.getStore();
      if (store) store.queries++;
    },
  };
}
