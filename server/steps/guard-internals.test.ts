import { describe, expect, it } from "vitest";
import { echo, serveSteps } from "../testing";
import { guardInternals } from "./guard-internals";

describe("guard Next's internal endpoints", () => {
  it("answers 404 for the image optimiser in every spelling and method, so it cannot fetch a render folder", async () => {
    const app = await serveSteps([guardInternals(), echo()]);
    try {
      const urls = [
        "/_next/image?url=%2Frender~%2Fmember%2Farticles%2Fa&w=64&q=75",
        "/_next/image/?url=/render~/member/front&w=64&q=75",
        "/_NEXT/IMAGE?url=/x",
        "/_next/%69mage?url=/x",
        "/_next%2Fimage?url=/x",
        "/a/../_next/image?url=/x",
      ];
      for (const url of urls) {
        for (const method of ["GET", "HEAD", "POST"]) {
          const r = await fetch(`${app.url}${url}`, { method });
          expect(r.status, `${method} ${url}`).toBe(404);
        }
      }
      expect((await fetch(`${app.url}/_next/static/chunks/x.js`)).status).toBe(200);
      expect((await fetch(`${app.url}/images/x.svg`)).status).toBe(200);
    } finally {
      await app.close();
    }
  });
});
