import { describe, expect, it } from "vitest";
import { retryingRaces, sqlState } from "./retry";

const failingWith = (codes: (string | null)[]) => {
  let calls = 0;
  const once = async () => {
    const code = codes[calls++];
    if (code === undefined) return "done";
    throw code === null ? new Error("no code") : Object.assign(new Error(`failed ${code}`), { code });
  };
  return { once, calls: () => calls };
};

describe("a statement that lost a race", () => {
  it("is run again after a deadlock or serialization failure, up to the attempts given", async () => {
    const twice = failingWith(["40P01", "40001"]);
    await expect(retryingRaces(twice.once)).resolves.toBe("done");
    expect(twice.calls()).toBe(3);
    const always = failingWith(["40P01", "40P01", "40P01", "40P01"]);
    await expect(retryingRaces(always.once)).rejects.toThrow(/40P01/);
    expect(always.calls()).toBe(3);
  });

  it("is not run again for any other failure, or for one with no SQLSTATE", async () => {
    for (const code of ["23505", "57014", null]) {
      const f = failingWith([code]);
      await expect(retryingRaces(f.once)).rejects.toThrow();
      expect(f.calls()).toBe(1);
    }
    const unique = failingWith(["23505"]);
    await expect(retryingRaces(unique.once, ["23505"])).resolves.toBe("done");
  });

  it("reads the SQLSTATE from postgres.js's error or from drizzle's cause", () => {
    expect(sqlState(Object.assign(new Error("x"), { code: "40P01" }))).toBe("40P01");
    expect(sqlState(Object.assign(new Error("Failed query"), { cause: { code: "40001" } }))).toBe("40001");
    expect(sqlState("40P01")).toBeUndefined();
    expect(sqlState(null)).toBeUndefined();
  });
});
