// The render cache of one process: what a drop removes, and that a render which read the
// database before a drop is never served after it, whatever the order of events.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createStore } from "./store";

const page = (n: number) => ({ kind: "APP_PAGE", html: `render ${n}` });

describe("the render store", () => {
  it("serves what was set until a drop of one of its tags", () => {
    const store = createStore();
    expect(store.get("/a")).toBeNull();
    store.set("/a", page(1), ["_N_T_/a", "_N_T_/layout"]);
    expect(store.get("/a")?.value).toEqual(page(1));
    store.dropLocally(["_N_T_/other"]);
    expect(store.get("/a")?.value).toEqual(page(1));
    store.dropLocally(["_N_T_/a"]);
    expect(store.get("/a")).toBeNull();
  });

  it("never keeps a render that was asked for before a drop and finished after it", () => {
    const store = createStore();
    expect(store.get("/a")).toBeNull(); // a render starts (it reads the database now)
    store.dropLocally(["_N_T_/a"]); // an editor's change lands meanwhile
    store.set("/a", page(1), ["_N_T_/a"]); // the render, made from the old data, finishes
    expect(store.get("/a")).toBeNull();
    store.set("/a", page(2), ["_N_T_/a"]); // the next render started after the drop
    expect(store.get("/a")?.value).toEqual(page(2));
  });

  it("keeps the first render after a drop of a page that was being served (no render wasted)", () => {
    const store = createStore();
    store.get("/hot");
    store.set("/hot", page(1), ["_N_T_/hot"], 3600);
    for (let i = 0; i < 3; i++) expect(store.get("/hot")?.value).toEqual(page(1)); // fresh hits
    store.dropLocally(["_N_T_/hot"]);
    expect(store.get("/hot")).toBeNull(); // the render after the change starts now
    store.set("/hot", page(2), ["_N_T_/hot"], 3600);
    expect(store.get("/hot")?.value).toEqual(page(2));
  });

  it("dates a background render after a stale hit from that hit", () => {
    const store = createStore();
    store.get("/old");
    store.set("/old", page(1), ["_N_T_/old"], 0); // already stale: Next renders again in the background
    expect(store.get("/old")?.value).toEqual(page(1)); // the stale hit starts that render
    store.dropLocally(["_N_T_/old"]); // a change lands while it runs
    store.set("/old", page(2), ["_N_T_/old"], 0); // it finishes with data from before the change
    expect(store.get("/old")).toBeNull();
  });

  it("serves nothing while it cannot tell what was dropped, and forgets what it held", () => {
    const store = createStore();
    store.set("/a", page(1), ["_N_T_/a"]);
    store.trustedUntil = performance.now() - 1;
    expect(store.get("/a")).toBeNull();
    store.clear();
    store.trustedUntil = Infinity;
    expect(store.get("/a")).toBeNull();
  });

  it("keeps a bounded number of entries, the least recently used going first", () => {
    const store = createStore({ maxEntries: 3 });
    for (const k of ["/1", "/2", "/3"]) {
      store.get(k);
      store.set(k, page(1), []);
    }
    store.get("/1"); // used again: now the most recent
    store.get("/4");
    store.set("/4", page(4), []);
    expect([...store.entries.keys()].sort()).toEqual(["/1", "/3", "/4"]);
  });

  it("never serves a render born before a drop of its tags (property over event orders)", () => {
    const keys = ["/a", "/b", "/c"];
    const tagsOf = (k: string) => [`_N_T_${k}`, "_N_T_/lists"];
    const event = fc.oneof(
      fc.record({ type: fc.constant("get" as const), key: fc.constantFrom(...keys) }),
      fc.record({ type: fc.constant("finish" as const), key: fc.constantFrom(...keys) }),
      fc.record({ type: fc.constant("drop" as const), tag: fc.constantFrom(...keys.map((k) => `_N_T_${k}`), "_N_T_/lists") }),
    );
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const store = createStore();
        // The model: each render is numbered at its ask; `version` counts drops per tag.
        const drops = new Map<string, number>();
        const asked = new Map<string, Map<string, number>>(); // key → drop counts at the ask
        let n = 0;
        for (const e of events) {
          if (e.type === "drop") {
            drops.set(e.tag, (drops.get(e.tag) ?? 0) + 1);
            store.dropLocally([e.tag]);
          } else if (e.type === "get") {
            const got = store.get(e.key) as { value: { seen: Map<string, number> } } | null;
            if (got) {
              // Served: no tag of it may have been dropped since its render was asked for.
              for (const t of tagsOf(e.key)) expect(drops.get(t) ?? 0).toBe(got.value.seen.get(t) ?? 0);
            } else if (!asked.has(e.key)) {
              asked.set(e.key, new Map(tagsOf(e.key).map((t) => [t, drops.get(t) ?? 0])));
            }
          } else if (asked.has(e.key)) {
            store.set(e.key, { n: ++n, seen: asked.get(e.key) }, tagsOf(e.key));
            asked.delete(e.key);
          }
        }
      }),
      { numRuns: 500 },
    );
  });
});
