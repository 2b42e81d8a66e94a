import { describe, expect, it } from "vitest";
import { echo, serveSteps } from "../testing";
import { keepOffTheEdge } from "./keep-off-edge";

describe("keep answers off the edge", () => {
  it("strips edge keys and shared-cache lifetimes from an answer nobody marked shareable, whoever set them", async () => {
    const app = await serveSteps([
      keepOffTheEdge(),
      echo((_req, res) => {
        res.setHeader("Surrogate-Key", "lede-all");
        res.setHeader("Cache-Tag", "lede-all");
        res.setHeader("Surrogate-Control", "max-age=60");
        res.setHeader("Cache-Control", "s-maxage=31536000, stale-while-revalidate");
        res.end("prerendered");
      }),
    ]);
    try {
      const r = await fetch(app.url);
      for (const h of ["surrogate-key", "cache-tag", "surrogate-control"]) expect(r.headers.get(h)).toBeNull();
      expect(r.headers.get("cache-control")).toBe("no-cache");
    } finally {
      await app.close();
    }
  });
});
