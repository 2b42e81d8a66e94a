import { describe, expect, it } from "vitest";
import type { Step } from "./pipeline";
import { echo, serveSteps } from "./testing";

describe("the pipeline", () => {
  it("runs the steps in order, each around the ones after it, and a step that answers stops it", async () => {
    const order: string[] = [];
    const around = (name: string): Step => ({
      name,
      async run(_ctx, next) {
        order.push(`${name} in`);
        await next();
        order.push(`${name} out`);
      },
    });
    const stop: Step = { name: "stop", run: ({ res }) => void res.end("stopped") };
    const app = await serveSteps([around("a"), around("b"), stop, echo()]);
    try {
      expect(await (await fetch(app.url)).text()).toBe("stopped");
      expect(order).toEqual(["a in", "b in", "b out", "a out"]);
    } finally {
      await app.close();
    }
  });

  it("runs every step's beforeHeaders hook once, just before the headers go out, after the answer set its own", async () => {
    let calls = 0;
    const hook = (name: string, value: string): Step => ({
      name,
      run({ res, beforeHeaders }, next) {
        beforeHeaders(() => {
          calls++;
          res.setHeader(name, `${value} (answer said ${res.getHeader("x-answer")})`);
        });
        return next();
      },
    });
    const answer = echo((_req, res) => {
      res.setHeader("x-answer", "yes");
      res.writeHead(204);
      res.end();
    });
    const app = await serveSteps([hook("x-one", "1"), hook("x-two", "2"), answer]);
    try {
      const r = await fetch(app.url);
      expect(r.headers.get("x-one")).toBe("1 (answer said yes)");
      expect(r.headers.get("x-two")).toBe("2 (answer said yes)");
      expect(calls).toBe(2);
    } finally {
      await app.close();
    }
  });

  it("answers 500 when a step throws, at once or later", async () => {
    const app = await serveSteps([{ name: "boom", run: () => { throw new Error("boom"); } }, echo()]);
    const later = await serveSteps([{ name: "boom later", run: async () => { throw new Error("boom"); } }, echo()]);
    try {
      expect((await fetch(app.url)).status).toBe(500);
      expect((await fetch(later.url)).status).toBe(500);
    } finally {
      await app.close();
      await later.close();
    }
  });
});
