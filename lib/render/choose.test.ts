// Which render each kind of request gets, as a pure function: no server, no database.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { chooseRender, NOT_FOUND_PATH, type Abilities, type Known, type RenderPlan, type RenderRequest } from "./choose";

const ALL: Abilities = { session: true, meter: true, counting: true, secureCookies: false };
const get = (url: string, extra: Partial<RenderRequest> = {}): RenderRequest => ({ method: "GET", url, cookieHeader: undefined, rsc: false, prefetch: false, ...extra });
const SESSION = "authjs.session-token=tok";

/** The plan once every question is answered with `answers`. */
function plan(req: RenderRequest, answers: Known = {}, can: Abilities = ALL): RenderPlan {
  const step = chooseRender(req, can, answers);
  if (!("plan" in step)) throw new Error(`asked for ${step.ask}`);
  return step.plan;
}

describe("chooseRender", () => {
  it("sends every spelling of a render's own folder to the 404 page", () => {
    for (const url of ["/render~/member/articles/a", "/render%7E/member/front", "/articles/%2572ender%257e", "/RENDER~/x"]) {
      expect(plan(get(url))).toMatchObject({ render: "not-found", url: NOT_FOUND_PATH });
    }
  });

  it("leaves other pages, and other methods on the pages, to Next with no render", () => {
    expect(plan(get("/signin"))).toMatchObject({ render: "none", url: null, cacheControl: null, varyCookie: false });
    for (const method of ["POST", "PUT", "DELETE", "OPTIONS", "PATCH"]) expect(plan(get("/articles/a", { method })).render).toBe("none");
  });

  it("serves a reader with no session the anonymous render, shareable, at its own path", () => {
    expect(plan(get("/"), {}, { ...ALL, meter: false })).toMatchObject({ render: "anonymous", url: "/render~/anonymous/front", cacheControl: "public, max-age=0, must-revalidate", varyCookie: true, view: null });
  });

  it("asks the meter for an article, and counts the view with the meter's render and free read", () => {
    expect(chooseRender(get("/articles/a"), ALL)).toEqual({ ask: "meter", slug: "a", counting: true });
    const p = plan(get("/articles/a?ref=x"), { meter: { render: "metered-2", setCookie: "lede-meter=v", freeRead: "free" } });
    expect(p).toMatchObject({ render: "metered-2", url: "/render~/metered-2/articles/a?ref=x", cacheControl: "private, no-store", setCookies: ["lede-meter=v"], view: { slug: "a", render: "metered-2", freeRead: "free" } });
  });

  it("never counts a prefetch, a HEAD or an RSC prefetch as a view, nor lets it use a free read", () => {
    expect(chooseRender(get("/articles/a", { prefetch: true }), ALL)).toEqual({ ask: "meter", slug: "a", counting: false });
    expect(chooseRender(get("/articles/a", { method: "HEAD" }), ALL)).toEqual({ ask: "meter", slug: "a", counting: false });
    expect(plan(get("/articles/a", { method: "HEAD" }), { meter: { render: "anonymous" } }).view).toBeNull();
  });

  it("keeps the public URL for RSC requests: the rewrites choose by the header", () => {
    expect(plan(get("/articles/a", { rsc: true }), { meter: { render: "spent" } })).toMatchObject({ render: "spent", url: null });
  });

  it("serves the gate when the meter fails, and says why", () => {
    const p = plan(get("/articles/a"), { meter: { failed: "stalled" } });
    expect(p).toMatchObject({ render: "anonymous", cacheControl: "public, max-age=0, must-revalidate" });
    expect(p.problem).toContain("stalled");
  });

  it("asks for the session behind a cookie, and serves members their shared render, privately, with their address cookie", () => {
    expect(chooseRender(get("/", { cookieHeader: `a=1; ${SESSION}` }), ALL)).toEqual({ ask: "session", sessionCookie: "tok" });
    const p = plan(get("/articles/a", { cookieHeader: SESSION }), { session: { render: "member", email: "m@example.com", renewedCookie: "authjs.session-token=tok; Max-Age=9" } });
    expect(p).toMatchObject({ render: "member", url: "/render~/member/articles/a", cacheControl: "private, no-store", view: { slug: "a", render: "member" } });
    expect(p.setCookies).toEqual(["authjs.session-token=tok; Max-Age=9", "lede-who=m%40example.com; Path=/; SameSite=Lax"]);
  });

  it("gives editors the per-request pages, and a gone session the anonymous (or the meter's) render, privately", () => {
    expect(plan(get("/", { cookieHeader: SESSION }), { session: { render: "personal" } })).toMatchObject({ render: "none", url: null, cacheControl: "private, no-store" });
    const gone = chooseRender(get("/articles/a", { cookieHeader: `${SESSION}; lede-who=x` }), ALL, { session: { render: "anonymous" } });
    expect(gone).toEqual({ ask: "meter", slug: "a", counting: true });
    const p = plan(get("/articles/a", { cookieHeader: `${SESSION}; lede-who=x` }), { session: { render: "anonymous" }, meter: { render: "anonymous" } });
    expect(p).toMatchObject({ render: "anonymous", cacheControl: "private, no-store" });
    expect(p.setCookies).toEqual(["lede-who=; Max-Age=0; Path=/; SameSite=Lax"]);
  });

  it("serves the lede and gate when the lookup fails or times out, leaving the reader's cookies alone", () => {
    const failed = plan(get("/articles/a", { cookieHeader: `${SESSION}; lede-who=m` }), { session: { failed: "down" } });
    expect(failed).toMatchObject({ render: "anonymous", cacheControl: "private, no-store", view: null, setCookies: [] });
    const slow = plan(get("/articles/a", { cookieHeader: `${SESSION}; lede-who=m` }), { session: { render: "anonymous", timedOut: true } });
    expect(slow).toMatchObject({ render: "anonymous", cacheControl: "private, no-store", setCookies: [] });
    expect(slow.problem).toMatch(/timed out/);
  });

  it("never gives a shareable answer to a request that carries a session cookie, whatever happens", () => {
    const answers = fc.oneof(
      fc.constant<Known["session"]>({ failed: "x" }),
      fc.record({ render: fc.constantFrom("anonymous", "member", "personal"), timedOut: fc.boolean() }) as fc.Arbitrary<Known["session"]>,
    );
    const meter = fc.oneof(fc.constant<Known["meter"]>({ failed: "x" }), fc.constantFrom("anonymous", "spent", "metered-1").map((render) => ({ render })));
    fc.assert(
      fc.property(fc.constantFrom("/", "/articles/a", "/articles/a?x=1"), fc.constantFrom("GET", "HEAD"), fc.boolean(), fc.boolean(), answers, meter, (url, method, rsc, prefetch, session, m) => {
        const p = plan(get(url, { method, rsc, prefetch, cookieHeader: SESSION }), { session, meter: m });
        expect(p.cacheControl).toBe("private, no-store");
      }),
    );
  });
});

describe("chooseRender in a running wall experiment", () => {
  const WALL: Abilities = { ...ALL, wall: true };
  const B = { experimentId: 7, variant: 1, allowance: 5 };

  it("asks for the reader's variant first, then the meter with the variant's free reads", () => {
    expect(chooseRender(get("/articles/a"), WALL)).toEqual({ ask: "wall", slug: "a" });
    expect(chooseRender(get("/articles/a"), WALL, { wall: B })).toEqual({ ask: "meter", slug: "a", counting: true, allowance: 5 });
    expect(chooseRender(get("/articles/a"), WALL, { wall: null })).toEqual({ ask: "meter", slug: "a", counting: true });
    // The front page has no gate: no question about a variant.
    expect(plan(get("/"), {}, { ...WALL, meter: false }).render).toBe("anonymous");
  });

  it("serves the variant's gate and wall, privately, sets its cookie, and counts the view for the variant", () => {
    const gate = plan(get("/articles/a"), { wall: { ...B, setCookie: "lede-wall=7.1" }, meter: { render: "anonymous" } }, WALL);
    expect(gate).toMatchObject({ render: "gate-1", url: "/render~/gate-1/articles/a", cacheControl: "private, no-store", setCookies: ["lede-wall=7.1"] });
    expect(gate.view).toEqual({ slug: "a", render: "gate-1", variant: { experimentId: 7, variant: 1 } });
    expect(plan(get("/articles/a"), { wall: B, meter: { render: "spent" } }, WALL).render).toBe("spent-1");
    // A free read is the same page in every variant.
    expect(plan(get("/articles/a"), { wall: B, meter: { render: "metered-3", setCookie: "lede-meter=m" } }, WALL)).toMatchObject({ render: "metered-3", setCookies: ["lede-meter=m"] });
  });

  it("serves the usual gate when the experiment cannot be read, and says why", () => {
    const p = plan(get("/articles/a"), { wall: { failed: "stalled" }, meter: { render: "anonymous" } }, WALL);
    expect(p).toMatchObject({ render: "anonymous", cacheControl: "public, max-age=0, must-revalidate" });
    expect(p.problem).toMatch(/^the wall experiment could not be read,.*stalled/);
  });

  it("never makes a variant shareable, nor gives a member one", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 }), fc.constantFrom("anonymous", "spent"), (variant, render) => {
        expect(plan(get("/articles/a"), { wall: { ...B, variant }, meter: { render } }, WALL).cacheControl).toBe("private, no-store");
      }),
    );
    expect(plan(get("/articles/a", { cookieHeader: SESSION }), { session: { render: "member" } }, WALL).render).toBe("member");
  });
});

describe("chooseRender and slugs no article can have", () => {
  it("sends them to the 404 page before any question, whatever the method", () => {
    for (const slug of ["%00", "a%00b", "%ED%A0%80", "%E0%A4%A", "Harbour", "a--b", "-a", "a_b", "caf%C3%A9", "x".repeat(121), "%61"]) {
      for (const method of ["GET", "HEAD"]) {
        expect(chooseRender(get(`/articles/${slug}`, { method, cookieHeader: SESSION }), ALL), slug).toEqual({ plan: expect.objectContaining({ render: "not-found", url: NOT_FOUND_PATH }) });
      }
    }
  });

  it("lets every slug an article may have through", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[a-z0-9]{1,8}$/), { minLength: 1, maxLength: 6 }), (parts) => {
        const slug = parts.join("-");
        expect(chooseRender(get(`/articles/${slug}`), ALL)).toEqual({ ask: "meter", slug, counting: true });
      }),
    );
  });
});
