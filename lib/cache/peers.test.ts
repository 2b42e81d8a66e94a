// Integration: two web processes' render caches on one PostgreSQL (two stores, each with
// its own connections, as two processes have). A change is dropped in the other before
// it is answered; one whose connection is cut serves nothing from memory until it is back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { TcpProxy } from "@/test/tcp-proxy";
import { db } from "@/lib/db/client";
import { parseEnv } from "@/lib/config/env";
import { awaitDrop, recordDrop } from "./drops";
import { createStore, type RenderStore as Store } from "./store";
import { FEEDS_TAG, renderTags } from "./tags";

const { leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS } = parseEnv({}).renderCache;

const database = useTestDatabase();

describe.skipIf(!usingPostgres)("render caches of two web processes", () => {
  let a: Store;
  let b: Store;
  let proxy: TcpProxy;

  const trusted = (s: Store) => s.trustedUntil > performance.now();
  const change = (slug: string) => ({ slugs: [slug], lists: false });
  const pageOf = (slug: string) => `/render~/anonymous/articles/${slug}`;
  /** A render of `slug` cached in `store`, as Next would put it there. */
  const cached = (store: Store, slug: string, html: string) => {
    store.get(pageOf(slug));
    // A page carries its path's tags, not the feeds' (which every article change drops).
    store.set(pageOf(slug), { html }, renderTags(change(slug)).filter((t) => t !== FEEDS_TAG));
  };
  /** A change made in process A, the way the desk makes one: recorded in its transaction, then awaited. */
  const changeInA = async (slug: string) => {
    const started = performance.now();
    await awaitDrop(await db.transaction((tx) => recordDrop(tx, change(slug))), a);
    return performance.now() - started;
  };

  beforeAll(async () => {
    const url = new URL(database.url()!);
    proxy = new TcpProxy({ host: url.hostname, port: Number(url.port || 5432) });
    const viaProxy = new URL(url);
    viaProxy.port = String(await proxy.start());
    a = createStore({ databaseUrl: url.toString(), leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS });
    b = createStore({ databaseUrl: viaProxy.toString(), leaseMs: LEASE_MS, heartbeatMs: HEARTBEAT_MS });
    for (let waited = 0; !(trusted(a) && trusted(b)); waited += 50) {
      if (waited > 10_000) throw new Error("the two stores never registered");
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  afterAll(async () => {
    await Promise.all([a?.peers?.stop(), b?.peers?.stop()]);
    await proxy?.stop();
  });

  it("a change in one is dropped in the other before it is answered", async () => {
    cached(b, "ferry", "old ferry");
    cached(b, "bakery", "bakery");
    expect(b.get(pageOf("ferry"))?.value).toEqual({ html: "old ferry" });
    const ms = await changeInA("ferry");
    expect(b.get(pageOf("ferry"))).toBeNull();
    expect(b.get(pageOf("bakery"))?.value).toEqual({ html: "bakery" });
    expect(ms).toBeLessThan(LEASE_MS);
  });

  it("one whose database connection is cut serves nothing from memory once the change is answered, and catches up when back", async () => {
    cached(b, "library", "old library");
    cached(b, "harbour", "harbour");
    proxy.cutOff();
    try {
      // The change waits for B's lease to run out (B cannot acknowledge), then answers.
      const ms = await changeInA("library");
      expect(ms).toBeGreaterThan(LEASE_MS - 2000);
      expect(b.get(pageOf("library"))).toBeNull();
      // Not even what the change did not touch: B cannot know that.
      expect(b.get(pageOf("harbour"))).toBeNull();
    } finally {
      proxy.restore();
    }
    await expect.poll(() => trusted(b), { timeout: 10_000 }).toBe(true);
    // Back: everything held while out of touch is forgotten; a render asked for while out
    // of touch is not kept either, and the next one is.
    expect(b.get(pageOf("harbour"))).toBeNull();
    b.set(pageOf("library"), { html: "asked for while out of touch" }, renderTags(change("library")));
    expect(b.get(pageOf("library"))).toBeNull();
    cached(b, "library", "new library");
    expect(b.get(pageOf("library"))?.value).toEqual({ html: "new library" });
  });

  it("a drop whose notification was lost still reaches the other at its next heartbeat", async () => {
    cached(b, "clinic", "old clinic");
    // Recorded without the NOTIFY a desk change sends (as if it were lost on the way).
    await db.execute(
      (await import("drizzle-orm")).sql`INSERT INTO cache_drop (tags) VALUES (${JSON.stringify(renderTags(change("clinic")))}::jsonb)`,
    );
    await expect.poll(() => b.get(pageOf("clinic")), { timeout: HEARTBEAT_MS * 3 }).toBeNull();
  });
});
