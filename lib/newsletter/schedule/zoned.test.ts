import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatWall, instantOf, nextRun, parseWall, previousRun, wallAt } from "./zoned";

const w = (s: string) => {
  const [d, t] = s.split("T");
  return parseWall(d, t)!;
};

describe("instantOf", () => {
  it("names the instant of a wall time, in and out of summer time", () => {
    expect(instantOf(w("2026-01-15T07:00"), "Europe/London")).toEqual({ ok: true, at: new Date("2026-01-15T07:00:00Z"), shifted: false });
    expect(instantOf(w("2026-07-15T07:00"), "Europe/London")).toEqual({ ok: true, at: new Date("2026-07-15T06:00:00Z"), shifted: false });
    expect(instantOf(w("2026-07-15T07:00"), "America/New_York")).toMatchObject({ at: new Date("2026-07-15T11:00:00Z") });
    expect(instantOf(w("2026-07-15T07:00"), "Asia/Kolkata")).toMatchObject({ at: new Date("2026-07-15T01:30:00Z") });
  });

  it("refuses a time the clocks skip (spring forward), or moves it past the gap when asked", () => {
    // Europe/London: 29 March 2026, 01:00 → 02:00.
    expect(instantOf(w("2026-03-29T01:30"), "Europe/London")).toEqual({ ok: false, reason: "gap" });
    expect(instantOf(w("2026-03-29T01:30"), "Europe/London", { gap: "after" })).toEqual({ ok: true, at: new Date("2026-03-29T01:30:00Z"), shifted: true });
    expect(wallAt(new Date("2026-03-29T01:30:00Z").getTime(), "Europe/London")).toMatchObject({ hour: 2, minute: 30 });
  });

  it("takes the first of a time the clocks repeat (fall back)", () => {
    // Europe/London: 25 October 2026, 02:00 BST → 01:00 GMT; 01:30 happens twice.
    expect(instantOf(w("2026-10-25T01:30"), "Europe/London")).toMatchObject({ ok: true, at: new Date("2026-10-25T00:30:00Z") });
  });

  it("refuses dates that do not exist", () => {
    expect(instantOf({ year: 2026, month: 2, day: 30, hour: 7, minute: 0 }, "UTC")).toEqual({ ok: false, reason: "invalid" });
    expect(parseWall("2026-02-3", "07:00")).toBeNull();
    expect(parseWall("2026-02-03", "24:00")).toBeNull();
  });

  it("round-trips every instant it returns (property)", () => {
    const zones = ["UTC", "Europe/London", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "America/Santiago"];
    fc.assert(
      fc.property(
        fc.constantFrom(...zones),
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        (zone, ms) => {
          const wall = wallAt(ms, zone);
          const r = instantOf(wall, zone);
          if (!r.ok) return false;
          const back = wallAt(r.at.getTime(), zone);
          return back.hour === wall.hour && back.minute === wall.minute && back.day === wall.day && r.at.getTime() <= ms;
        },
      ),
    );
  });
});

describe("nextRun / previousRun", () => {
  it("finds the next Friday 07:00 in the zone", () => {
    // Monday 7 December 2026.
    const monday = new Date("2026-12-07T12:00:00Z");
    expect(nextRun([5], "07:00", "Europe/London", monday)).toEqual(new Date("2026-12-11T07:00:00Z"));
    expect(nextRun([1, 5], "07:00", "Europe/London", new Date("2026-12-07T06:59:00Z"))).toEqual(new Date("2026-12-07T07:00:00Z"));
    expect(previousRun([5], "07:00", "Europe/London", monday)).toEqual(new Date("2026-12-04T07:00:00Z"));
    expect(nextRun([], "07:00", "UTC", monday)).toBeNull();
  });

  it("runs just past the gap on the day the clocks skip its time", () => {
    // Sunday 29 March 2026 at 01:30 London does not exist.
    expect(nextRun([0], "01:30", "Europe/London", new Date("2026-03-28T12:00:00Z"))).toEqual(new Date("2026-03-29T01:30:00Z"));
  });

  it("shows an instant in the zone, named", () => {
    expect(formatWall(new Date("2026-07-15T06:00:00Z"), "Europe/London")).toBe("Wed, 15 Jul 2026, 07:00 (Europe/London)");
  });
});
