import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { namedEntry } from "./named-entry";

const TABLE = { wrong_code: "That code is not right.", no_code: "No code." } as const;

describe("namedEntry", () => {
  it("finds the table's own entries", () => {
    expect(namedEntry(TABLE, "wrong_code")).toBe("That code is not right.");
  });

  it.each(["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "isPrototypeOf", "", "WRONG_CODE"])(
    "names nothing for %j",
    (key) => {
      expect(namedEntry(TABLE, key)).toBeNull();
    },
  );

  it("names nothing for non-strings", () => {
    for (const key of [undefined, null, 1, ["wrong_code"], { toString: () => "wrong_code" }]) expect(namedEntry(TABLE, key)).toBeNull();
  });

  it("returns only the table's values, whatever the key", () => {
    const values = new Set<unknown>(Object.values(TABLE));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.constantFrom(...Object.getOwnPropertyNames(Object.prototype))), (key) => {
        const found = namedEntry(TABLE, key);
        return found === null || values.has(found);
      }),
    );
  });
});
