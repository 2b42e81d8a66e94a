import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { assignedVariant, assignVariant, wallCookieOf, wallSetCookie } from "./assign";

const experiment = { id: 7, variants: [{}, {}] };

describe("assignVariant", () => {
  it("draws a variant for a reader without a cookie and sets it, then keeps it on every visit", () => {
    const first = assignVariant({ experiment, cookieHeader: "other=1", bot: false, secure: false, pick: () => 1 })!;
    expect(first).toMatchObject({ experimentId: 7, variant: 1 });
    expect(first.setCookie).toBe("lede-wall=7.1; Path=/; Max-Age=7776000; HttpOnly; SameSite=Lax");
    const cookie = first.setCookie!.split(";")[0];
    for (let visit = 0; visit < 5; visit++) {
      const again = assignVariant({ experiment, cookieHeader: `a=b; ${cookie}`, bot: false, secure: false, pick: () => 0 });
      expect(again).toEqual({ experimentId: 7, variant: 1 });
    }
  });

  it("never assigns a bot, and assigns nobody without a running experiment of two variants or more", () => {
    expect(assignVariant({ experiment, cookieHeader: "", bot: true, secure: false })).toBeNull();
    expect(assignVariant({ experiment: null, cookieHeader: "", bot: false, secure: false })).toBeNull();
    expect(assignVariant({ experiment: { id: 1, variants: [{}] }, cookieHeader: "", bot: false, secure: false })).toBeNull();
  });

  it("draws again for a cookie of another experiment, a variant that does not exist, or anything forged", () => {
    for (const cookie of ["lede-wall=6.1", "lede-wall=7.2", "lede-wall=7.9", "lede-wall=7.-1", "lede-wall=7.1x", "lede-wall=07.1", "lede-wall=7.1.1", "lede-wall=%37.1", "lede-wall="]) {
      const choice = assignVariant({ experiment, cookieHeader: cookie, bot: false, secure: true, pick: () => 0 });
      expect(choice, cookie).toEqual({ experimentId: 7, variant: 0, setCookie: wallSetCookie(7, 0, true) });
    }
    expect(wallSetCookie(7, 0, true)).toContain("; Secure");
  });

  it("spreads readers over the variants uniformly by default", () => {
    const seen = [0, 0, 0, 0];
    const four = { id: 3, variants: [{}, {}, {}, {}] };
    for (let i = 0; i < 4000; i++) seen[assignVariant({ experiment: four, cookieHeader: "", bot: false, secure: false })!.variant]++;
    for (const n of seen) expect(n).toBeGreaterThan(850);
  });

  it("only ever answers a variant of the experiment, whatever the cookie says (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 2, max: 4 }), fc.integer({ min: 1, max: 20 }), (value, n, id) => {
        const exp = { id, variants: Array.from({ length: n }, () => ({})) };
        const choice = assignVariant({ experiment: exp, cookieHeader: `lede-wall=${value}`, bot: false, secure: false })!;
        expect(choice.experimentId).toBe(id);
        expect(choice.variant).toBeGreaterThanOrEqual(0);
        expect(choice.variant).toBeLessThan(n);
        const held = assignedVariant(`lede-wall=${value}`, exp);
        if (held !== null) expect(choice.setCookie).toBeUndefined();
      }),
    );
  });

  it("reads only the cookie's own spelling", () => {
    expect(wallCookieOf("lede-wall=12.3")).toEqual({ experimentId: 12, variant: 3 });
    expect(wallCookieOf("xlede-wall=12.3")).toBeNull();
    expect(wallCookieOf(undefined)).toBeNull();
  });
});
