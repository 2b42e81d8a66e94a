import { afterEach, describe, expect, it } from "vitest";
import { frontContract } from "@/server/contract";
import LedeCacheHandler from "./handler";
import { createStore } from "./store";

describe("Next's cache handler", () => {
  afterEach(() => {
    delete frontContract().renderCache;
  });

  it("keeps a page with its tags, and pages for what does not exist apart, where they evict no page", async () => {
    frontContract().renderCache = createStore();
    const handler = new LedeCacheHandler();
    const page = (status: number) => ({ kind: "APP_PAGE", status, headers: { "x-next-cache-tags": "_N_T_/layout,_N_T_/render~/anonymous/articles/a" } });
    await handler.get("/render~/anonymous/articles/a");
    await handler.set("/render~/anonymous/articles/a", page(200), { cacheControl: { revalidate: 3600 } });
    await handler.set("/render~/anonymous/articles/made-up", page(404), { cacheControl: { revalidate: 3600 } });
    expect(await handler.get("/render~/anonymous/articles/a")).toMatchObject({ value: page(200) });
    expect(await handler.get("/render~/anonymous/articles/made-up")).toMatchObject({ value: page(404) });
    for (let i = 0; i < 20_000; i++) await handler.set(`/render~/anonymous/articles/made-up-${i}`, page(404), {});
    expect(frontContract().renderCache!.entries.size).toBe(1);
    expect(frontContract().renderCache!.absent.size).toBe(500);
    expect(await handler.get("/render~/anonymous/articles/a")).toMatchObject({ value: page(200) });
  });

  it("drops what Next's revalidateTag names, through the app's one writer once it has started", async () => {
    const store = (frontContract().renderCache = createStore());
    const dropped: string[][] = [];
    const handler = new LedeCacheHandler();
    store.set("/x", { kind: "APP_PAGE" }, ["_N_T_/x"]);
    await handler.revalidateTag("_N_T_/x");
    expect(store.get("/x")).toBeNull();
    frontContract().app = { dropEverywhere: async (tags: string[]) => void dropped.push(tags) } as never;
    try {
      await handler.revalidateTag(["_N_T_/y"]);
      expect(dropped).toEqual([["_N_T_/y"]]);
    } finally {
      delete frontContract().app;
    }
  });
});
