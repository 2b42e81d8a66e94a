import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { verdict, wilson } from "./wilson";

describe("wilson", () => {
  it("matches published values", () => {
    // 10 of 100: 95% Wilson interval 5.52%–17.44% (e.g. Newcombe 1998, method 3).
    const i = wilson(10, 100)!;
    expect(i.rate).toBeCloseTo(0.1, 10);
    expect(i.low).toBeCloseTo(0.0552, 4);
    expect(i.high).toBeCloseTo(0.1744, 4);
    // 0 of 10: from 0 to 27.75%; 10 of 10: from 72.25% to 1.
    expect(wilson(0, 10)!.low).toBe(0);
    expect(wilson(0, 10)!.high).toBeCloseTo(0.2775, 4);
    expect(wilson(10, 10)!.low).toBeCloseTo(0.7225, 4);
    expect(wilson(10, 10)!.high).toBeCloseTo(1, 10);
  });

  it("has no interval without a trial", () => {
    expect(wilson(0, 0)).toBeNull();
    expect(wilson(3, Number.NaN)).toBeNull();
  });

  it("always holds the rate, within [0, 1], and narrows as trials grow (property)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(n * share);
        const i = wilson(x, n)!;
        expect(i.low).toBeGreaterThanOrEqual(0);
        expect(i.high).toBeLessThanOrEqual(1);
        expect(i.low).toBeLessThanOrEqual(i.rate + 1e-12);
        expect(i.high).toBeGreaterThanOrEqual(i.rate - 1e-12);
        const wider = wilson(x * 4, n * 4)!;
        expect(wider.high - wider.low).toBeLessThanOrEqual(i.high - i.low + 1e-12);
      }),
    );
  });
});

describe("verdict", () => {
  it("waits for gate views on every variant", () => {
    expect(verdict([{ name: "A", gateViews: 10, joins: 1 }, { name: "B", gateViews: 0, joins: 0 }]).kind).toBe("no-data");
  });

  it("calls overlapping intervals not clear, however the rates differ", () => {
    const v = verdict([{ name: "A", gateViews: 50, joins: 5 }, { name: "B", gateViews: 50, joins: 9 }]);
    expect(v.kind).toBe("not-yet");
    expect(v.words).toMatch(/^Not clear yet/);
  });

  it("names the best variant once its interval lies above every other's", () => {
    const v = verdict([
      { name: "Variant A", gateViews: 5000, joins: 250 },
      { name: "Variant B", gateViews: 5000, joins: 400 },
      { name: "Variant C", gateViews: 5000, joins: 260 },
    ]);
    expect(v).toMatchObject({ kind: "clear", best: 1 });
    expect(v.words).toContain("Variant B converts best (8.0%");
  });

  it("is not clear while the best overlaps any one other variant", () => {
    const v = verdict([
      { name: "A", gateViews: 5000, joins: 250 },
      { name: "B", gateViews: 5000, joins: 400 },
      { name: "C", gateViews: 5000, joins: 390 },
    ]);
    expect(v.kind).toBe("not-yet");
  });
});
