import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { echo, serveSteps } from "../testing";
import { countQueries } from "./count-queries";

describe("count the queries", () => {
  it("says how many queries were counted for this request before its headers went out", async () => {
    const counts = new AsyncLocalStorage<{ queries: number }>();
    const answer = echo((_req, res) => {
      // A query counted through the store of this request (lib/db/query-count.ts does this).
      const store = counts.getStore();
      if (store) store.queries += 3;
      res.end("ok");
    });
    const app = await serveSteps([countQueries(counts), answer]);
    try {
      expect((await fetch(app.url)).headers.get("x-lede-queries")).toBe("3");
      expect((await fetch(app.url)).headers.get("x-lede-queries")).toBe("3");
    } finally {
      await app.close();
    }
  });
});
