import { describe, expect, it } from "vitest";
import crypto from "node:crypto";
import fc from "fast-check";
import { dayNumber, meterCookieValue, meterKey, readMeterCookie, readsInPeriod, writeMeterCookie, type Read } from "./cookie";

const key = meterKey("test-secret-0123456789abcdefghijklmnopqrstuvwxyz");
const net = fc.stringMatching(/^[A-Za-z0-9_-]{6}$/);
const read = fc.record({ articleId: fc.integer({ min: 1, max: 2_000_000 }), day: fc.integer({ min: 0, max: 40_000 }), net });
const BROWSER = "b".repeat(12);

describe("the meter cookie", () => {
  it("reads back what was written", () => {
    fc.assert(
      fc.property(fc.array(read, { maxLength: 10 }), (reads) => {
        expect(readMeterCookie(key, writeMeterCookie(key, BROWSER, reads))).toEqual({ ok: true, browser: BROWSER, reads });
      }),
    );
  });

  it("is refused if any character changes, if it is cut, or if it was signed with another secret", () => {
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 10 }), fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (reads, at, c) => {
        const value = writeMeterCookie(key, BROWSER, reads);
        const i = at % value.length;
        if (value[i] === c) return;
        expect(readMeterCookie(key, value.slice(0, i) + c + value.slice(i + 1))).toEqual({ ok: false });
        expect(readMeterCookie(key, value.slice(0, i))).toEqual({ ok: false });
      }),
    );
    const other = meterKey("another-secret-0123456789abcdefghijklmnopqrstuvwxyz");
    expect(readMeterCookie(key, writeMeterCookie(other, BROWSER, [{ articleId: 1, day: 1, net: "abcdef" }]))).toEqual({ ok: false });
  });

  it("refuses anything that is not one", () => {
    for (const junk of ["", ".", "v1..", "v1", "x".repeat(600), "v1.1:1.", "v2.1:1.AAAAAAAAAAAAAAAAAAAAAA"]) {
      expect(readMeterCookie(key, junk)).toEqual({ ok: false });
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (s) => {
        expect(readMeterCookie(key, s).ok).toBe(false);
      }),
    );
  });

  it("counts this calendar month's reads, or the last 30 days'", () => {
    const now = new Date("2026-12-10T12:00:00Z");
    const day = (iso: string) => dayNumber(new Date(iso));
    const reads: Read[] = [
      { articleId: 1, day: day("2026-11-30T23:00:00Z"), net: "" },
      { articleId: 2, day: day("2026-12-01T00:30:00Z"), net: "" },
      { articleId: 3, day: day("2026-11-10T12:00:00Z"), net: "" },
      { articleId: 4, day: day("2026-11-11T12:00:00Z"), net: "" },
    ];
    expect(readsInPeriod(reads, "month", now).map((r) => r.articleId)).toEqual([2]);
    expect(readsInPeriod(reads, "rolling30", now).map((r) => r.articleId)).toEqual([1, 2, 4]);
  });

  it("reads a cookie from before reads were bound to a network: its reads count, none is a free re-read, one browser per cookie", () => {
    const payload = "v1.1:a,2:b";
    const signed = `${payload}.${crypto.createHmac("sha256", key).update(payload).digest("base64url").slice(0, 22)}`;
    const read = readMeterCookie(key, signed);
    expect(read).toEqual({ ok: true, browser: signed.slice(payload.length + 1, payload.length + 13), reads: [{ articleId: 1, day: 10, net: "" }, { articleId: 2, day: 11, net: "" }] });
  });

  it("is found in a Cookie header among others", () => {
    expect(meterCookieValue("a=1; lede-meter=v1.1%3A1.sig; b=2")).toBe("v1.1:1.sig");
    expect(meterCookieValue("a=1")).toBeNull();
    expect(meterCookieValue("xlede-meter=v1.1:1.sig")).toBeNull();
  });

  it("gives a value that does not decode as it came, which then never verifies", () => {
    for (const bad of ["%", "v1.1:1.%E0%A4%A", "%ZZ", "v1.%C0%80.sig"]) {
      expect(meterCookieValue(`lede-meter=${bad}`)).toBe(bad);
      expect(readMeterCookie(key, bad)).toEqual({ ok: false });
    }
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (s) => {
        const value = s.replace(/;/g, "");
        expect(() => meterCookieValue(`a=1; lede-meter=${value}`)).not.toThrow();
      }),
    );
  });
});
