// The metrics endpoint: off by default, then only with the bearer token (loopback is not
// enough: behind a proxy every client is loopback), and the families README lists.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import endpoint from "./endpoint";
import registry from "./registry";

const token = "t".repeat(40);

describe("metrics settings", () => {
  it("are off without a token and refuse a short one", () => {
    expect(endpoint.metricsSettings({})).toBeNull();
    expect(() => endpoint.metricsSettings({ LEDE_METRICS_TOKEN: "short" })).toThrow(/32 characters/);
    expect(endpoint.metricsSettings({ LEDE_METRICS_TOKEN: token })).toMatchObject({ token, host: "127.0.0.1" });
  });
  it("match the token only as a bearer token, in any case of the scheme", () => {
    expect(endpoint.bearerMatches(`Bearer ${token}`, token)).toBe(true);
    expect(endpoint.bearerMatches(`bearer ${token}`, token)).toBe(true);
    expect(endpoint.bearerMatches(`Bearer ${token}x`, token)).toBe(false);
    expect(endpoint.bearerMatches(`Basic ${token}`, token)).toBe(false);
    expect(endpoint.bearerMatches(undefined, token)).toBe(false);
    expect(endpoint.bearerMatches("Bearer ", token)).toBe(false);
  });
  it("name only /metrics", () => {
    expect(endpoint.isMetricsRequest("/metrics")).toBe(true);
    expect(endpoint.isMetricsRequest("/metrics?x")).toBe(true);
    expect(endpoint.isMetricsRequest("/metricsx")).toBe(false);
    expect(endpoint.isMetricsRequest("/articles/metrics")).toBe(false);
  });
});

describe("the endpoint", () => {
  let server: http.Server;
  let url = "";
  beforeAll(async () => {
    const settings = endpoint.metricsSettings({ LEDE_METRICS_TOKEN: token })!;
    server = http.createServer((req, res) => void endpoint.answerMetrics(req, res, settings));
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/metrics`;
  });
  afterAll(() => new Promise((r) => server.close(r)));

  it("refuses a loopback client without the token", async () => {
    const res = await fetch(url);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toMatch(/lede_/);
    expect((await fetch(url, { headers: { Authorization: "Bearer wrong" } })).status).toBe(401);
  });

  it("answers the scraper with every family README lists", async () => {
    const m = registry.metrics();
    m.requests.inc({ render: "anonymous", status: "200" });
    m.gateViews.inc({ render: "anonymous" });
    m.mails.inc({ kind: "sign_in", outcome: "queued" });
    const res = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^lede_http_requests_total\{render="anonymous",status="200"\} 1$/m);
    expect(text).toMatch(/^lede_gate_views_total\{render="anonymous"\} 1$/m);
    expect(text).toMatch(/^lede_mails_total\{kind="sign_in",outcome="queued"\} 1$/m);
    for (const family of ["lede_nodejs_eventloop_lag_p99_seconds", "lede_render_cache_entries", "lede_process_resident_memory_bytes"]) {
      expect(text).toContain(`# TYPE ${family}`);
    }
    expect((await fetch(url, { method: "POST", headers: { Authorization: `Bearer ${token}` } })).status).toBe(405);
  });

  it("reads scrape-time gauges, and says NaN for one that cannot be read", async () => {
    registry.scrapeGauge({ name: "lede_test_depth", help: "test", labelNames: ["queue"], collect: (set) => set({ queue: "mail" }, 7) });
    registry.scrapeGauge({ name: "lede_test_broken", help: "test", collect: () => Promise.reject(new Error("db down")) });
    const text = await (await fetch(url, { headers: { Authorization: `Bearer ${token}` } })).text();
    expect(text).toMatch(/^lede_test_depth\{queue="mail"\} 7$/m);
    expect(text).toMatch(/^lede_test_broken Nan$/im);
  });
});
