// Step: for the front page and articles, carry out lib/render/choose.ts's plan — ask the
// app (through the contract) what the plan needs, say the render in its header (for the
// rewrites), serve a plain request the render's own path, and set the plan's headers.
import type { IncomingMessage } from "node:http";
import { chooseRender, type Abilities, type Known, type RenderPlan, type RenderRequest } from "@/lib/render/choose";
import { RENDER_HEADER } from "@/lib/render/routes";
import type { AppSide, MeterAnswer } from "../contract";
import type { Context, Step } from "../pipeline";

/** Next's prefetches (and the browser's): they never use a free read of the meter. */
export function isPrefetch(req: IncomingMessage): boolean {
  const h = req.headers;
  return Boolean(h["next-router-prefetch"] || h["next-router-segment-prefetch"] || h.purpose === "prefetch" || /prefetch/.test(String(h["sec-purpose"] ?? "")));
}

const why = (err: unknown) => (err instanceof Error ? err.message : String(err));

function carryOut({ req, res, beforeHeaders }: Context, plan: RenderPlan, app: AppSide | undefined, asked: string) {
  req.headers[RENDER_HEADER] = plan.render;
  if (plan.url) req.url = plan.url;
  if (plan.problem) console.error(`[server] ${plan.problem}`);
  if (plan.view && app) {
    const { slug, render, freeRead } = plan.view;
    const counted = app.countView({ slug, render, freeRead, url: asked, referer: req.headers.referer, userAgent: req.headers["user-agent"] });
    if (counted) counted.catch(() => {});
  }
  if (!plan.varyCookie && !plan.cacheControl && plan.setCookies.length === 0) return;
  beforeHeaders(() => {
    if (plan.varyCookie) res.appendHeader("Vary", "Cookie");
    if (plan.cacheControl) res.setHeader("Cache-Control", plan.cacheControl);
    for (const cookie of plan.setCookies) res.appendHeader("Set-Cookie", cookie);
  });
}

export function chooseRenderStep({ app, secureCookies }: { app: () => AppSide | undefined; secureCookies: boolean }): Step {
  return {
    name: "choose the render",
    async run(ctx, next) {
      const { req } = ctx;
      const side = app();
      const can: Abilities = { session: Boolean(side), meter: Boolean(side), counting: Boolean(side), secureCookies };
      const request: RenderRequest = { method: req.method ?? "GET", url: req.url ?? "/", cookieHeader: req.headers.cookie, rsc: Boolean(req.headers.rsc), prefetch: isPrefetch(req) };
      const known: Known = {};
      for (;;) {
        const step = chooseRender(request, can, known);
        if ("plan" in step) {
          carryOut(ctx, step.plan, side, request.url);
          break;
        }
        if (step.ask === "session") {
          known.session = await side!.renderForSession(step.sessionCookie).catch((err: unknown) => ({ failed: why(err) }));
        } else {
          try {
            const headers = { get: (name: string) => (req.headers[name.toLowerCase()] as string | undefined) ?? null };
            // At once when the app knows the article and the meter (lib/meter/decide.ts).
            const chosen = side!.meterChoice({ slug: step.slug, cookieHeader: req.headers.cookie, headers, counting: step.counting });
            known.meter = "then" in chosen ? await chosen : (chosen as MeterAnswer);
          } catch (err) {
            known.meter = { failed: why(err) };
          }
        }
      }
      return next();
    },
  };
}
