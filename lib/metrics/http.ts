// Counts each answered request by the render the front server chose and its status (README: "Metrics").
import type { IncomingMessage, ServerResponse } from "node:http";
import { RENDER_HEADER } from "@/lib/render/routes";
import registry from "./registry";

/** The render label: metered-<n> as one "metered", nothing chosen as "none". */
export function renderLabel(value: unknown): string {
  if (typeof value !== "string" || value === "") return "none";
  return value.startsWith("metered-") ? "metered" : value;
}

/** Counts `req` once its answer ends (or its connection closes first: status 499). */
export function countRequest(req: IncomingMessage, res: ServerResponse): void {
  const started = performance.now();
  const m = registry.metrics();
  let counted = false;
  const done = (finished: boolean) => {
    if (counted) return;
    counted = true;
    const render = renderLabel(req.headers[RENDER_HEADER]);
    m.requests.inc({ render, status: finished ? String(res.statusCode) : "499" });
    m.requestSeconds.observe({ render }, (performance.now() - started) / 1000);
  };
  res.once("finish", () => done(true));
  res.once("close", () => done(res.writableFinished));
}

