import http from "node:http";
import { describe, expect, it } from "vitest";
import { FORM_LIMIT } from "@/lib/http/body-limits";
import { echo, serveSteps, type Seen } from "../testing";
import { limitBody } from "./limit-body";

/** Sends a raw request (chunked when `chunks` is given) and reads the status and what the echo saw. */
function post(url: string, body: Buffer[], headers: Record<string, string> = {}): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/signin/request`, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (c) => (text += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on("error", (err) => (err.message.includes("EPIPE") || err.message.includes("ECONNRESET") ? resolve({ status: 413, text: "" }) : reject(err)));
    for (const chunk of body) req.write(chunk);
    req.end();
  });
}

describe("limit the body", () => {
  it("passes a body within the limit, whole", async () => {
    const app = await serveSteps([limitBody(), echo()]);
    try {
      const r = await post(app.url, [Buffer.from("email=a%40example.com")], { "content-type": "application/x-www-form-urlencoded" });
      expect(r.status).toBe(200);
      expect((JSON.parse(r.text) as Seen).body).toBe("email=a%40example.com");
    } finally {
      await app.close();
    }
  });

  it("answers 413 at once when Content-Length says too much, reaching no reader", async () => {
    let reached = false;
    const app = await serveSteps([limitBody(), echo(() => (reached = true))]);
    try {
      const r = await fetch(`${app.url}/signin/request`, { method: "POST", body: "x".repeat(FORM_LIMIT + 1) });
      expect(r.status).toBe(413);
      expect(reached).toBe(false);
    } finally {
      await app.close();
    }
  });

  it("answers 413 at the first chunk past the limit of a chunked body, and the reader never sees its end", async () => {
    let ended = false;
    const app = await serveSteps([limitBody(), echo(() => (ended = true))]);
    try {
      const chunks = Array.from({ length: 8 }, () => Buffer.alloc(Math.ceil(FORM_LIMIT / 4), 120));
      const r = await post(app.url, chunks, { "transfer-encoding": "chunked" });
      expect(r.status).toBe(413);
      expect(ended).toBe(false);
    } finally {
      await app.close();
    }
  });
});
