// The insight page's ?days= and ?sort= come from the address bar: anything else than the
// desk's own links make falls back to 30 days and gate views.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { articleSortOf, periodOf } from "./period";
import { ARTICLE_SORTS, PERIODS } from "./report";

describe("the insight page's period and order", () => {
  it("takes the desk's own values", () => {
    for (const p of PERIODS) expect(periodOf(String(p))).toBe(p);
    for (const s of ARTICLE_SORTS) expect(articleSortOf(s)).toBe(s);
  });

  it("falls back for every other spelling, repeated parameters included", () => {
    for (const v of [undefined, null, "", "0", "-7", "7.0", " 7", "7 ", "0x7", "007", "1e1", "Infinity", "NaN", ["7", "90"], 7])
      expect(periodOf(v), JSON.stringify(v)).toBe(30);
    for (const v of [undefined, "", "Joins", "joins ", "gate_views", ["joins"], "<script>"]) expect(articleSortOf(v), JSON.stringify(v)).toBe("gate-views");
  });

  it("is always one of them, whatever is typed", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "grapheme" }), fc.array(fc.string())), (v) => {
        expect(PERIODS).toContain(periodOf(v));
        expect(ARTICLE_SORTS).toContain(articleSortOf(v));
        if (!PERIODS.map(String).includes(v as string)) expect(periodOf(v)).toBe(30);
      }),
    );
  });
});
