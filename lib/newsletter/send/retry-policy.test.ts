import { describe, expect, it } from "vitest";
import { retryDelaySeconds } from "./retry-policy";

describe("retryDelaySeconds", () => {
  it("doubles from the base and stops at six hours", () => {
    expect([1, 2, 3, 4].map((n) => retryDelaySeconds(n, 30))).toEqual([30, 60, 120, 240]);
    expect(retryDelaySeconds(30, 30)).toBe(6 * 60 * 60);
  });
});
