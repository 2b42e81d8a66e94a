// Step: for the front page and articles, carry out lib/render/choose.ts's plan — ask the
// app (through the contract) what the plan needs, say the render in its header (for the
// rewrites), serve a plain request the render's own path, and set the plan's headers (its
// Cache-Control as lib/edge says: the anonymous render with its edge keys, the rest private).
import type { IncomingMessage } from "node:http";
import * as edgeResponse from "@/lib/edge/response";
import type { edgeSettings } from "@/lib/edge/settings";
import logger from "@/lib/log/logger";
import { chooseRender, PUBLIC, type Abilities, type Known, type RenderPlan, type RenderRequest } from "@/lib/render/choose";
import { RENDER_HEADER } from "@/lib/render/routes";
import type { AppSide, MeterAnswer, WallAnswer } from "../contract";
import type { Context, Step } from "../pipeline";

/** Next's prefetches (and the browser's): they never use a free read of the meter. */
export function isPrefetch(req: IncomingMessage): boolean {
  const h = req.headers;
  return Boolean(h["next-router-prefetch"] || h["next-router-segment-prefetch"] || h.purpose === "prefetch" || /prefetch/.test(String(h["sec-purpose"] ?? "")));
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

/** An answer now or a promise of it (the app answers at once from memory when it can): no wait for the first. */
const isPromise = <T>(answer: T | Promise<T>): answer is Promise<T> =>
  answer !== null && typeof answer === "object" && typeof (answer as { then?: unknown }).then === "function";

/** The edge's settings (null: no purger) and the render cache whose drops it watches. */
export type EdgeOptions = { settings: ReturnType<typeof edgeSettings>; store: { dropSerial: number } | null };

function carryOut({ req, res, beforeHeaders }: Context, plan: RenderPlan, app: AppSide | undefined, asked: string, edge: EdgeOptions) {
  req.headers[RENDER_HEADER] = plan.render;
  if (plan.url) req.url = plan.url;
  // Flood-throttled per kind (the words before the comma): a stalled database fails every request.
  if (plan.problem) logger.throttled(`render:${plan.problem.split(",")[0]}`, "error", `[server] ${plan.problem}`);
  if (plan.view && app) {
    const { slug, render, freeRead, variant } = plan.view;
    const counted = app.countView({ slug, render, freeRead, variant, url: asked, referer: req.headers.referer, userAgent: req.headers["user-agent"] });
    if (counted) counted.catch(() => {});
  }
  const cache = plan.cacheControl
    ? edgeResponse.cacheHeaders(req, res, { shared: plan.cacheControl === PUBLIC, url: asked, store: edge.store, settings: edge.settings })
    : null;
  if (!plan.varyCookie && plan.setCookies.length === 0 && !cache) return;
  beforeHeaders(([status]) => {
    if (plan.varyCookie) res.appendHeader("Vary", "Cookie");
    for (const cookie of plan.setCookies) res.appendHeader("Set-Cookie", cookie);
    // Last: an answer that sets a cookie is no edge's to keep.
    if (cache) cache(status);
  });
}

export function chooseRenderStep({ app, secureCookies, edge = { settings: null, store: null } }: { app: () => AppSide | undefined; secureCookies: boolean; edge?: EdgeOptions }): Step {
  return {
    name: "choose the render",
    async run(ctx, next) {
      const { req } = ctx;
      const side = app();
      const can: Abilities = { session: Boolean(side), meter: Boolean(side), wall: Boolean(side), counting: Boolean(side), secureCookies };
      const request: RenderRequest = { method: req.method ?? "GET", url: req.url ?? "/", cookieHeader: req.headers.cookie, rsc: Boolean(req.headers.rsc), prefetch: isPrefetch(req) };
      const known: Known = {};
      for (;;) {
        const step = chooseRender(request, can, known);
        if ("plan" in step) {
          carryOut(ctx, step.plan, side, request.url, edge);
          break;
        }
        if (step.ask === "session") {
          known.session = await side!.renderForSession(step.sessionCookie).catch((err: unknown) => ({ failed: why(err) }));
        } else if (step.ask === "wall") {
          try {
            // At once when the app knows the experiment and the article (lib/experiments/choose.ts).
            const chosen: WallAnswer | Promise<WallAnswer> = side!.wallChoice({ slug: step.slug, cookieHeader: req.headers.cookie, userAgent: req.headers["user-agent"] });
            known.wall = isPromise(chosen) ? await chosen : chosen;
          } catch (err) {
            known.wall = { failed: why(err) };
          }
        } else {
          try {
            const headers = { get: (name: string) => (req.headers[name.toLowerCase()] as string | undefined) ?? null };
            // At once when the app knows the article and the meter (lib/meter/decide.ts).
            const chosen: MeterAnswer | Promise<MeterAnswer> = side!.meterChoice({ slug: step.slug, cookieHeader: req.headers.cookie, headers, counting: step.counting, allowance: step.allowance });
            known.meter = isPromise(chosen) ? await chosen : chosen;
          } catch (err) {
            known.meter = { failed: why(err) };
          }
        }
      }
      return next();
    },
  };
}
