// Counts database queries per request, for tests only: server.js opens a count for each
// request when LEDE_COUNT_QUERIES=1 and reports it in the x-lede-queries response header.
import type { Logger } from "drizzle-orm";
import { env } from "@/lib/env";

type Store = { queries: number };
type Counts = { getStore(): Store | undefined };

const g = globalThis as { __ledeQueryCounts?: Counts };

/** Drizzle's logger option when counting is on; undefined (no logger, no cost) otherwise. */
export function queryCountingLogger(): Logger | undefined {
  if (!env.countQueries) return undefined;
  return {
    logQuery() {
      const store = g.__ledeQueryCounts?.getStore();
      if (store) store.queries++;
    },
  };
}
