import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundedMemo } from "./bounded-memo";

/** fn and how often it was really called, per argument. */
function counted() {
  const calls = new Map<string, number>();
  const fn = (key: string) => {
    calls.set(key, (calls.get(key) ?? 0) + 1);
    return `answer for ${key}`;
  };
  return { fn, calls };
}

describe("boundedMemo", () => {
  it("asks once per argument it still remembers", () => {
    const { fn, calls } = counted();
    const memo = boundedMemo(fn, { max: 3, maxLength: 10 });
    for (let i = 0; i < 5; i++) expect(memo("a")).toBe("answer for a");
    expect(calls.get("a")).toBe(1);
  });

  it("forgets the oldest past its size, and never keeps an argument longer than its limit", () => {
    const { fn, calls } = counted();
    const memo = boundedMemo(fn, { max: 2, maxLength: 5 });
    memo("a");
    memo("b");
    memo("c"); // forgets "a"
    memo("b");
    memo("a");
    expect(Object.fromEntries(calls)).toEqual({ a: 2, b: 1, c: 1 });
    memo("longer");
    memo("longer");
    expect(calls.get("longer")).toBe(2);
  });

  it("answers what the function answers, whatever the arguments and their order", () => {
    const answer = (key: string) => `answer for ${key}`;
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 8 }), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (keys, max) => {
        const { fn, calls } = counted();
        const memo = boundedMemo(fn, { max, maxLength: 6 });
        for (const k of keys) expect(memo(k)).toBe(answer(k));
        // With room for every short argument, each was asked for once.
        const short = new Set(keys.filter((k) => k.length <= 6));
        if (short.size <= max) for (const k of short) expect(calls.get(k)).toBe(1);
      }),
    );
  });
});
