import { describe, expect, it } from "vitest";
import logger from "@/lib/log/logger";
import registry from "@/lib/metrics/registry";
import { echo, serveSteps } from "../testing";
import { observe } from "./observe";

describe("id and count every request", () => {
  it("gives each answer its own X-Request-Id, and the lines its request writes the same id", async () => {
    let idSeen: string | undefined;
    const app = await serveSteps([observe({ trustProxy: false }), echo((_req, res) => ((idSeen = logger.currentRequestId()), res.end("ok")))]);
    try {
      const a = await fetch(app.url, { headers: { "x-request-id": "proxy-given-id-1" } });
      const b = await fetch(app.url);
      expect(a.headers.get("x-request-id")).toMatch(/^[0-9a-f]{8}-\w+$/); // a proxy's id only when trusted
      expect(b.headers.get("x-request-id")).not.toBe(a.headers.get("x-request-id"));
      expect(idSeen).toBe(b.headers.get("x-request-id"));
    } finally {
      await app.close();
    }
  });

  it("keeps a trusted proxy's well-formed id, and refuses one that could forge a log line", async () => {
    const app = await serveSteps([observe({ trustProxy: true }), echo()]);
    try {
      expect((await fetch(app.url, { headers: { "x-request-id": "nginx-req-12345678" } })).headers.get("x-request-id")).toBe("nginx-req-12345678");
      expect((await fetch(app.url, { headers: { "x-request-id": "x\" level=fatal" } })).headers.get("x-request-id")).not.toContain("fatal");
    } finally {
      await app.close();
    }
  });

  it("counts each answered request by its render and status", async () => {
    const m = registry.metrics();
    const before = (await m.requests.get()).values.find((v) => v.labels.render === "member" && v.labels.status === "200")?.value ?? 0;
    const app = await serveSteps([observe({ trustProxy: false }), echo((req, res) => ((req.headers["x-lede-render"] = "member"), res.end("ok")))]);
    try {
      await fetch(app.url);
      await new Promise((r) => setTimeout(r, 50));
      const after = (await m.requests.get()).values.find((v) => v.labels.render === "member" && v.labels.status === "200")?.value ?? 0;
      expect(after).toBe(before + 1);
    } finally {
      await app.close();
    }
  });
});
