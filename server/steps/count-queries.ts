// Step (tests only, LEDE_COUNT_QUERIES=1): counts the database queries made while a request
// is served until its headers go out, in x-lede-queries (lib/db/query-count.ts counts).
import type { AsyncLocalStorage } from "node:async_hooks";
import type { Step } from "../pipeline";

export function countQueries(counts: AsyncLocalStorage<{ queries: number }>): Step {
  return {
    name: "count the queries",
    run({ res, beforeHeaders }, next) {
      const store = { queries: 0 };
      beforeHeaders(() => res.setHeader("x-lede-queries", String(store.queries)));
      return counts.run(store, next);
    },
  };
}
