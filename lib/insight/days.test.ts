import { describe, expect, it } from "vitest";
import { dayKey, windowDays, windowStart } from "./days";

describe("the insight's UTC days", () => {
  it("keys a moment by its UTC day, and a window by its days, today last", () => {
    const now = new Date("2026-03-01T23:30:00-05:00"); // already 2 March in UTC
    expect(dayKey(now)).toBe("2026-03-02");
    expect(windowStart(now, 3).toISOString()).toBe("2026-02-28T00:00:00.000Z");
    expect(windowDays(now, 3)).toEqual(["2026-02-28", "2026-03-01", "2026-03-02"]);
    expect(windowDays(now, 1)).toEqual(["2026-03-02"]);
  });
});
