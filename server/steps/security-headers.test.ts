import http from "node:http";
import { describe, expect, it } from "vitest";
import { echo, serveSteps } from "../testing";
import { limitBody } from "./limit-body";
import { securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("are on every answer: a page, a redirect, an error, and the front server's own 413", async () => {
    const app = await serveSteps([securityHeaders({ https: true }), limitBody(), echo((req, res) => {
      if (req.url === "/redirect") res.writeHead(302, { location: "/" }).end();
      else if (req.url === "/error") res.writeHead(500, { "x-next": "error" }).end();
      else res.end("page");
    })]);
    try {
      const answers = [
        await fetch(`${app.url}/`),
        await fetch(`${app.url}/redirect`, { redirect: "manual" }),
        await fetch(`${app.url}/error`),
        await fetch(`${app.url}/signin/request`, { method: "POST", body: "x".repeat(64 * 1024) }),
      ];
      expect(answers.map((r) => r.status)).toEqual([200, 302, 500, 413]);
      for (const r of answers) {
        expect(r.headers.get("content-security-policy")).toMatch(/frame-ancestors 'none'/);
        expect(r.headers.get("content-security-policy")).toMatch(/object-src 'none'/);
        expect(r.headers.get("x-frame-options")).toBe("DENY");
        expect(r.headers.get("x-content-type-options")).toBe("nosniff");
        expect(r.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
        expect(r.headers.get("strict-transport-security")).toBe("max-age=31536000");
      }
    } finally {
      await app.close();
    }
  });

  it("leave an answer's own header standing, once, set as Next sets a route's (only where absent)", async () => {
    const own = { "Content-Security-Policy": "sandbox; default-src 'none'; frame-ancestors 'self'", "X-Frame-Options": "SAMEORIGIN", "Referrer-Policy": "no-referrer" };
    const app = await serveSteps([securityHeaders({ https: false }), echo((_req, res) => {
      for (const [name, value] of Object.entries(own)) if (res.getHeader(name) === undefined) res.appendHeader(name, value);
      res.end("preview");
    })]);
    try {
      const r = await new Promise<http.IncomingMessage>((resolve) => http.get(app.url, resolve));
      r.resume();
      expect(r.headers["content-security-policy"]).toBe(own["Content-Security-Policy"]);
      expect(r.headers["x-frame-options"]).toBe("SAMEORIGIN");
      expect(r.headers["referrer-policy"]).toBe("no-referrer");
      expect(r.headers["x-content-type-options"]).toBe("nosniff");
    } finally {
      await app.close();
    }
  });

  it("sends no Strict-Transport-Security over plain http", async () => {
    const app = await serveSteps([securityHeaders({ https: false }), echo()]);
    try {
      const r = await new Promise<http.IncomingMessage>((resolve) => http.get(app.url, resolve));
      r.resume();
      expect(r.headers["strict-transport-security"]).toBeUndefined();
    } finally {
      await app.close();
    }
  });
});
