// keptUntilDropped: facts kept in memory until a drop says they changed, and read with
// no wait once known — never a value read before a change that was dropped since.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { frontContract } from "@/server/contract";
import { keptUntilDropped } from "./drops";
import { createStore } from "./store";

/** This process's render cache, as far as kept facts see it: who is told of drops. */
function installStore() {
  const store = createStore();
  frontContract().renderCache = store;
  return { drop: (tags: string[] | null) => (tags === null ? store.clear() : store.dropLocally(tags)) };
}

/** A fill the test answers by hand, counting asks. */
function manualFill() {
  const pending: { key: string; resolve: (v: string) => void; reject: (e: Error) => void }[] = [];
  const fill = (key: string) => new Promise<string>((resolve, reject) => pending.push({ key, resolve, reject }));
  return { fill, pending };
}

const settle = () => new Promise((r) => setTimeout(r, 0));
const matters = (tag: string, key: string) => tag === "everything" || tag === `article:${key}`;

describe("keptUntilDropped", () => {
  let store: ReturnType<typeof installStore>;
  beforeEach(() => {
    store = installStore();
  });
  afterEach(() => {
    delete frontContract().renderCache;
  });

  it("knows a value once its fill answered, and asks no more", async () => {
    const { fill, pending } = manualFill();
    const kept = keptUntilDropped(fill, matters);
    const first = kept("a");
    expect(kept.known("a")).toBeUndefined();
    expect(kept("a")).toBe(first); // one ask in flight
    pending[0].resolve("A1");
    await settle();
    expect(kept.known("a")).toEqual({ value: "A1" });
    expect(await kept("a")).toBe("A1");
    expect(pending).toHaveLength(1);
  });

  it("forgets a value when a drop that concerns it arrives, and only then", async () => {
    const { fill, pending } = manualFill();
    const kept = keptUntilDropped(fill, matters);
    void kept("a");
    void kept("b");
    pending[0].resolve("A1");
    pending[1].resolve("B1");
    await settle();
    store.drop(["article:b"]);
    expect(kept.known("a")).toEqual({ value: "A1" });
    expect(kept.known("b")).toBeUndefined();
    void kept("b");
    expect(pending.map((p) => p.key)).toEqual(["a", "b", "b"]);
    store.drop(null); // every render forgotten: every fact too
    expect(kept.known("a")).toBeUndefined();
  });

  it("never takes an answer read before a drop for the value after it", async () => {
    const { fill, pending } = manualFill();
    const kept = keptUntilDropped(fill, matters);
    const before = kept("a");
    store.drop(["everything"]); // the change lands while the ask is on its way
    pending[0].resolve("A-old");
    await before;
    await settle();
    expect(kept.known("a")).toBeUndefined();
    const after = kept("a");
    expect(after).not.toBe(before);
    pending[1].resolve("A-new");
    await settle();
    expect(kept.known("a")).toEqual({ value: "A-new" });
  });

  it("keeps no failed ask, and keeps nothing where no render cache runs", async () => {
    const { fill, pending } = manualFill();
    const kept = keptUntilDropped(fill, matters);
    const failed = kept("a");
    pending[0].reject(new Error("database down"));
    await expect(failed).rejects.toThrow("database down");
    await settle();
    expect(kept.known("a")).toBeUndefined();
    void kept("a");
    expect(pending).toHaveLength(2);

    delete frontContract().renderCache;
    const script = keptUntilDropped(async (k: string) => k.toUpperCase(), matters);
    expect(await script("x")).toBe("X");
    expect(script.known("x")).toBeUndefined();
  });
});
