// Which render a request for the front page or an article gets: a pure function of the
// request and what is known so far. It either asks a question (the session behind a
// cookie, the reader's wall experiment variant, the meter's answer) or gives the plan the front server carries out
// (server/steps/choose-render.ts). README: "How a page is served".
import type { MeterAnswer, SessionRender, WallAnswer } from "@/server/contract";
import { sessionCookie, whoCookieUpdate, WHO_COOKIE } from "@/lib/auth/cookie-names";
import { articleSlug, hasRenders, namesRender, renderUrl, variantRender } from "./routes";

/** How every article's slug is spelled (lib/articles/article-input.ts): no other spelling has a page. */
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const MAX_SLUG = 120;

export type RenderRequest = {
  method: string;
  url: string;
  cookieHeader: string | undefined;
  /** An RSC request (client navigation, prefetch): it takes next.config's rewrites. */
  rsc: boolean;
  /** Next's prefetch or the browser's: it never uses a free read, nor counts as a view. */
  prefetch: boolean;
};

/** What this process can ask: the app's session lookup, its meter, its wall experiments, its view counting. */
export type Abilities = { session: boolean; meter: boolean; wall?: boolean; counting: boolean; secureCookies: boolean };

/** What was asked and answered so far (a string: the question failed, with why). */
export type Known = {
  session?: SessionRender | { failed: string };
  wall?: WallAnswer | { failed: string };
  meter?: MeterAnswer | { failed: string };
};

export type RenderPlan = {
  /** The render header's value: a render, "none" (the per-request pages), or "not-found". */
  render: string;
  /** The path Next is asked for instead of the URL sent, or null to keep it (the rewrites decide). */
  url: string | null;
  cacheControl: string | null;
  /** One URL, answers that differ by cookie: no shared cache may swap them. */
  varyCookie: boolean;
  setCookies: string[];
  /** Count this request as a page view of `slug` with this render (and free read, and wall variant). */
  view: { slug: string; render: string; freeRead?: "free" | "last"; variant?: { experimentId: number; variant: number } } | null;
  /** A line for the log: what went wrong and how it was served (its words before the comma name the kind). */
  problem: string | null;
};

export type RenderStep =
  | { ask: "session"; sessionCookie: string }
  | { ask: "wall"; slug: string }
  | { ask: "meter"; slug: string; counting: boolean; allowance?: number | null }
  | { plan: RenderPlan };

/** The path every request naming a render's own folder is served: Next's 404 page. */
export const NOT_FOUND_PATH = "/_lede/not-found";

/** The anonymous render: the same for every reader (an edge cache may keep it, lib/edge). */
export const PUBLIC = "public, max-age=0, must-revalidate";
/** Everything else chosen here: each reader's own. */
export const PRIVATE = "private, no-store";

const failed = <T extends object>(answer: T | { failed: string } | null | undefined): answer is { failed: string } =>
  answer !== undefined && answer !== null && "failed" in answer;

export function chooseRender(req: RenderRequest, can: Abilities, known: Known = {}): RenderStep {
  const none: RenderPlan = { render: "none", url: null, cacheControl: null, varyCookie: false, setCookies: [], view: null, problem: null };
  // Only the rewrites reach a render: a URL naming one, in any spelling, is not found.
  if (namesRender(req.url)) return { plan: { ...none, render: "not-found", url: NOT_FOUND_PATH } };
  if ((req.method !== "GET" && req.method !== "HEAD") || !hasRenders(req.url)) return { plan: none };

  const slug = articleSlug(req.url);
  // A slug no article can have (a NUL, text that does not decode, upper case, too long) is
  // not found: before any query, any render, and any room in the render cache.
  if (slug !== null && (slug.length > MAX_SLUG || !SLUG.test(slug))) return { plan: { ...none, render: "not-found", url: NOT_FOUND_PATH } };
  const counting = can.counting && req.method === "GET" && !req.prefetch && slug !== null;
  const serve = (render: string, extra: Partial<RenderPlan>): { plan: RenderPlan } => ({
    plan: {
      ...none,
      render,
      url: req.rsc ? null : renderUrl(req.url, render),
      varyCookie: true,
      view: counting && slug ? { slug, render } : null,
      ...extra,
    },
  });
  const who = (email: string | null) => {
    const update = whoCookieUpdate(req.cookieHeader, email, can.secureCookies);
    return update ? [update] : [];
  };

  // No account: the anonymous render, or the meter's for a metered article; in a running
  // wall experiment, the reader's variant of the gate or the wall (lib/experiments).
  const anonymous = (signedOut: boolean, before: string[]): RenderStep => {
    let variant: WallAnswer = null;
    let problem: string | null = null;
    if (slug && can.wall) {
      if (known.wall === undefined) return { ask: "wall", slug };
      if (failed(known.wall)) problem = `the wall experiment could not be read, served the usual gate: ${known.wall.failed}`;
      else variant = known.wall;
    }
    let answer: MeterAnswer = { render: "anonymous" };
    if (slug && can.meter) {
      if (known.meter === undefined) return { ask: "meter", slug, counting, ...(variant ? { allowance: variant.allowance } : {}) };
      if (failed(known.meter)) problem = `the meter could not be read, served as anonymous: ${known.meter.failed}`;
      else answer = known.meter;
    }
    // The variant's own gate (or the meter's wall in its words): cached renders like the gate.
    const render = variantRender(answer.render, variant);
    const step = serve(render, {
      // The anonymous render is the same for every reader (a shared cache may keep it); the
      // meter's renders and a wall experiment's variants are each reader's own.
      cacheControl: signedOut && render === "anonymous" ? PUBLIC : PRIVATE,
      setCookies: [...before, ...(variant?.setCookie ? [variant.setCookie] : []), ...(answer.setCookie ? [answer.setCookie] : [])],
      problem,
    });
    if (step.plan.view && answer.freeRead) step.plan.view.freeRead = answer.freeRead;
    if (step.plan.view && variant) step.plan.view.variant = { experimentId: variant.experimentId, variant: variant.variant };
    return step;
  };

  const cookie = sessionCookie(req.cookieHeader);
  if (!cookie) {
    const step = anonymous(true, []);
    if ("plan" in step && req.cookieHeader?.includes(`${WHO_COOKIE}=`)) step.plan.setCookies.push(...who(null));
    return step;
  }
  // Whatever a signed-in request gets stays in that reader's browser.
  // Without the app's lookup (not started yet) nobody is known: the per-request pages decide.
  const session: Known["session"] = can.session ? known.session : { render: "personal" };
  if (session === undefined) return { ask: "session", sessionCookie: cookie };
  if (failed(session)) {
    // The database failed to answer: the lede and gate need none of it.
    return serve("anonymous", { cacheControl: PRIVATE, view: null, problem: `session lookup failed, served as anonymous: ${session.failed}` });
  }
  const { render, email, renewedCookie, timedOut } = session;
  const renewed = renewedCookie ? [renewedCookie] : [];
  // A lookup that timed out (a stalled database) serves the lede and gate, and leaves the
  // reader's cookies alone: the next request will know again.
  if (timedOut) return serve("anonymous", { cacheControl: PRIVATE, setCookies: renewed, problem: "session lookup timed out, served as anonymous" });
  if (render === "member") return serve("member", { cacheControl: PRIVATE, setCookies: [...renewed, ...who(email ?? null)] });
  if (render === "anonymous") {
    const step = anonymous(false, renewed);
    if ("plan" in step) step.plan.setCookies.push(...who(null));
    return step;
  }
  // An editor: the page rendered per request (drafts, the desk link).
  return { plan: { ...none, varyCookie: true, cacheControl: PRIVATE, setCookies: [...renewed, ...who(null)] } };
}
