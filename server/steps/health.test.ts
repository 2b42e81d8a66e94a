import { afterEach, describe, expect, it } from "vitest";
import lifecycle from "@/lib/service/lifecycle";
import { echo, serveSteps } from "../testing";
import { health } from "./health";

const TOKEN = "t".repeat(32);

async function withServer(run: (url: string) => Promise<void>, metrics: { token: string; port: null; host: string } | null = null) {
  const app = await serveSteps([health({ metrics }), echo((_req, res) => res.end("from the app"))]);
  try {
    await run(app.url);
  } finally {
    await app.close();
  }
}

afterEach(() => {
  lifecycle.lifecycle().draining = false;
});

describe("answer health and metrics", () => {
  it("answers liveness itself, and leaves readiness to the app until the process stops", async () => {
    await withServer(async (url) => {
      const live = await fetch(`${url}/api/health/live?x=1`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ ok: true, live: true });
      expect(await (await fetch(`${url}/api/health/ready`)).text()).toBe("from the app");
      lifecycle.lifecycle().draining = true;
      const ready = await fetch(`${url}/api/health/ready`);
      expect(ready.status).toBe(503);
      // While stopping, every other answer closes its connection.
      const page = await fetch(`${url}/articles/a`);
      expect(page.headers.get("connection")).toBe("close");
    });
  });

  it("answers /metrics only with the token, and is no door at all without LEDE_METRICS_TOKEN", async () => {
    await withServer(async (url) => {
      expect((await fetch(`${url}/metrics`)).status).toBe(401);
      expect((await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${"x".repeat(32)}` } })).status).toBe(401);
      const ok = await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain("lede_");
    }, { token: TOKEN, port: null, host: "127.0.0.1" });
    await withServer(async (url) => {
      expect(await (await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).text()).toBe("from the app");
    });
  });
});
