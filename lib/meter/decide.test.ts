// Integration: what the meter decides for one request, on a real database — free reads
// counted down, re-reads free, the wall, a cookie that is not ours, members-only
// articles, the meter off, prefetches, readers who bring no cookie or an old one, and a
// database that stalls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { stallTable, useTestDatabase, usingPostgres } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, siteSettings } from "@/lib/db/schema";
import { EVERYTHING_TAG } from "@/lib/cache/tags";
import { createStore } from "@/lib/cache/store";
import { frontContract } from "@/server/contract";
import { meterChoice, meterChoiceNow, METER_WAIT_MS, type MeterChoice } from "./decide";
import type { MeterSettings } from "./settings";

// The meter counts cookieless reads per client network: tests name theirs, as a proxy would.
process.env.TRUST_PROXY = "1";
const database = useTestDatabase();
const CAP = Number(process.env.LEDE_METER_DAILY_CAP ?? 25);

const setMeter = async (s: Partial<MeterSettings>) => {
  const value = { enabled: true, allowance: 2, period: "month", ...s };
  await db.insert(siteSettings).values({ key: "meter", value }).onConflictDoUpdate({ target: siteSettings.key, set: { value } });
};

/** A browser: it keeps the meter cookie it is given, from one client address (which may change). */
function browser(ip = "10.20.30.40") {
  let cookie: string | undefined;
  return {
    get ip() {
      return ip;
    },
    set ip(v) {
      ip = v;
    },
    get cookie() {
      return cookie;
    },
    set cookie(v) {
      cookie = v;
    },
    async open(slug: string, { counting = true } = {}): Promise<MeterChoice> {
      const headers = { get: (n: string) => (n === "x-forwarded-for" ? ip : null) };
      const choice = await meterChoice({ slug, cookieHeader: cookie ? `x=1; ${cookie}` : undefined, headers, counting });
      if (choice.setCookie) cookie = choice.setCookie.split(";")[0];
      return choice;
    },
  };
}

beforeAll(async () => {
  await db.insert(articles).values([
    { slug: "one", title: "One", premium: true },
    { slug: "two", title: "Two", premium: true },
    { slug: "three", title: "Three", premium: true },
    { slug: "members", title: "Members only", premium: true, metered: false },
    { slug: "free", title: "Free", premium: false },
    { slug: "draft", title: "Draft", premium: true, status: "draft" },
  ]);
});

describe("the meter", () => {
  it("gives the allowance, counting down; a re-read is free; then the wall", async () => {
    await setMeter({ allowance: 2 });
    const b = browser("10.1.0.1");
    expect(await b.open("one")).toMatchObject({ render: "metered-1" });
    expect(await b.open("one")).toEqual({ render: "metered-1" }); // re-read: no new cookie
    expect(await b.open("two")).toMatchObject({ render: "metered-0" });
    expect(await b.open("three")).toEqual({ render: "spent" });
    expect(await b.open("two")).toEqual({ render: "metered-0" });
    expect(b.cookie).toMatch(/^lede-meter=v2\./);
  });

  it("gives a wall experiment's variant its own free reads in place of the meter's", async () => {
    await setMeter({ allowance: 1 });
    const headers = { get: (n: string) => (n === "x-forwarded-for" ? "10.1.9.1" : null) };
    let cookie: string | undefined;
    const open = async (slug: string, allowance: number | null) => {
      const choice = await meterChoice({ slug, cookieHeader: cookie, headers, counting: true, allowance });
      if (choice.setCookie) cookie = choice.setCookie.split(";")[0];
      return choice.render;
    };
    expect(await open("one", 2)).toBe("metered-1");
    expect(await open("two", 2)).toBe("metered-0");
    expect(await open("three", 2)).toBe("spent");
    // The same reads under the meter's own allowance (no variant): past it, re-reads still free.
    expect(await open("three", null)).toBe("spent");
    expect(await open("one", null)).toBe("metered-0");
  });

  it("never counts members-only, free, unknown or draft articles, nor anything while it is off", async () => {
    await setMeter({ allowance: 2 });
    const b = browser("10.1.0.2");
    for (const slug of ["members", "free", "no-such-article", "draft"]) expect(await b.open(slug), slug).toEqual({ render: "anonymous" });
    expect(b.cookie).toBeUndefined();
    await setMeter({ enabled: false });
    expect(await b.open("one")).toEqual({ render: "anonymous" });
  });

  it("takes a cookie that is not ours for a spent one, never for a fresh one", async () => {
    await setMeter({ allowance: 5 });
    const b = browser("10.1.0.3");
    await b.open("one");
    const good = b.cookie!;
    for (const bad of [`${good}x`, good.replace("v2.", "v1."), "lede-meter=v1..AAAAAAAAAAAAAAAAAAAAAA", "lede-meter=garbage", "lede-meter="]) {
      b.cookie = bad;
      expect(await b.open("two"), bad).toEqual({ render: "spent" });
    }
  });

  it("uses no free read for a prefetch or a HEAD", async () => {
    await setMeter({ allowance: 1 });
    const b = browser("10.1.0.4");
    expect(await b.open("one", { counting: false })).toEqual({ render: "anonymous" });
    expect(b.cookie).toBeUndefined();
    expect(await b.open("one")).toMatchObject({ render: "metered-0" });
    expect(await b.open("two", { counting: false })).toEqual({ render: "spent" });
  });

  it("counts free reads per client network per day, up to the cap, cookie or not", async () => {
    await setMeter({ allowance: 3 });
    const kept = browser("10.2.0.200");
    expect((await kept.open("one")).render).toBe("metered-2");
    // Browsers that keep no cookie, on one network: each read is a fresh one.
    for (let i = 1; i < CAP; i++) expect((await browser(`10.2.0.${i % 250}`).open("one")).render).toBe("metered-2");
    expect(await browser("10.2.0.77").open("one")).toEqual({ render: "anonymous" });
    // Past the cap, a reader with a cookie re-reads as before; a new article is the gate.
    expect(await kept.open("one")).toEqual({ render: "metered-2" });
    expect(await kept.open("two")).toEqual({ render: "anonymous" });
    // Another network is another budget.
    expect((await browser("10.3.0.1").open("one")).render).toBe("metered-2");
  });

  it("gives no more to a reader who keeps putting back an older cookie than the allowance", async () => {
    await setMeter({ allowance: 3 });
    const b = browser("10.5.0.1");
    await b.open("one");
    const old = b.cookie;
    let free = 1;
    for (let i = 0; i < CAP + 5; i++) {
      b.cookie = old; // each time before it was spent: the cookie alone says one read
      const choice = await b.open("two");
      if (choice.render !== "metered-1") {
        expect(choice).toEqual({ render: "spent" });
        break;
      }
      free++;
    }
    expect(free).toBe(3);
  });

  it("gives no more to a reader who keeps clearing cookies than the network's cap", async () => {
    await setMeter({ allowance: 3 });
    let free = 0;
    for (let i = 0; i < CAP + 5; i++) if ((await browser("10.5.1.1").open("two")).render === "metered-2") free++;
    expect(free).toBe(CAP);
  });

  it("says which reads used a free read, and which was the reader's last (lib/insight counts them)", async () => {
    await setMeter({ allowance: 2 });
    const b = browser("10.4.0.1");
    expect((await b.open("two")).freeRead).toBe("free");
    expect((await b.open("one")).freeRead).toBe("last");
    expect((await b.open("one")).freeRead).toBeUndefined(); // a re-read gives none
    expect((await b.open("three")).freeRead).toBeUndefined(); // the wall
  });
});

describe("a meter cookie is bound to what it was paid with", () => {
  beforeAll(async () => {
    await db.insert(articles).values(Array.from({ length: 12 }, (_, i) => ({ slug: `extra-${i}`, title: `Extra ${i}`, premium: true })));
  });

  it("re-reads free only on the network that paid: copied elsewhere, a re-read uses a free read, and a full cookie meets the wall", async () => {
    await setMeter({ allowance: 3 });
    const owner = browser("10.40.1.1");
    expect((await owner.open("one")).render).toBe("metered-2");
    // Carried to another network (a phone leaving the office, or a cookie pasted elsewhere).
    const copy = browser("10.41.1.1");
    copy.cookie = owner.cookie;
    expect(await copy.open("one")).toMatchObject({ render: "metered-1", freeRead: "free" });
    // Another address of the paying network is the same network: free.
    owner.ip = "10.40.1.99";
    expect(await owner.open("one")).toEqual({ render: "metered-2" });
    // The copy's read was one of this browser's free reads: the owner has one left.
    expect((await owner.open("two")).render).toBe("metered-1");
    expect(await owner.open("three")).toEqual({ render: "spent" });
  });

  it("gives a full cookie pasted into 90 browsers on 90 networks (any over their cap) nothing, and its owner still re-reads", async () => {
    await setMeter({ allowance: 3 });
    const owner = browser("10.39.1.1");
    for (const slug of ["one", "two", "three"]) await owner.open(slug);
    let premium = 0;
    for (let i = 0; i < 90; i++) {
      const pasted = browser(i % 2 ? `10.${42 + i}.0.1` : `2001:db8:${(0x40 + i).toString(16)}::1`);
      pasted.cookie = owner.cookie;
      for (const slug of ["one", "two", "three"]) if ((await pasted.open(slug)).render !== "spent") premium++;
    }
    expect(premium).toBe(0);
    // At home it still re-reads all three.
    for (const slug of ["one", "two", "three"]) expect(await owner.open(slug)).toEqual({ render: "metered-0" });
  });

  it("spends a browser's free reads atomically: parallel requests with one cookie never read more than the allowance", async () => {
    await setMeter({ allowance: 3 });
    const b = browser("10.60.1.1");
    expect((await b.open("extra-0")).render).toBe("metered-2");
    const tries = await Promise.all(
      Array.from({ length: 10 }, (_, i) => meterChoice({ slug: `extra-${i + 1}`, cookieHeader: b.cookie, headers: { get: (n: string) => (n === "x-forwarded-for" ? `10.60.1.${i + 2}` : null) }, counting: true })),
    );
    const read = tries.filter((t) => t.render.startsWith("metered-"));
    expect(read).toHaveLength(2);
    expect(tries.filter((t) => t.render === "spent")).toHaveLength(8);
  });

  it("counts a browser's reads in PostgreSQL, so an older copy of its cookie put back reads no more", async () => {
    await setMeter({ allowance: 2 });
    const b = browser("10.61.1.1");
    await b.open("extra-0");
    const old = b.cookie;
    expect((await b.open("extra-1")).render).toBe("metered-0");
    b.cookie = old; // one read, says the old cookie; the browser's count says two
    expect(await b.open("extra-2")).toEqual({ render: "spent" });
  });
});

describe("the meter in a web process (its facts kept in memory)", () => {
  const store = createStore();
  const dropEverything = () => store.dropLocally([EVERYTHING_TAG]);
  beforeAll(() => {
    frontContract().renderCache = store;
  });
  afterAll(() => {
    delete frontContract().renderCache;
  });

  /** Opens `slug` as the front server does: the answer, and whether it came with no wait. */
  async function openNow(cookie: string | undefined, slug: string, ip = "10.9.0.1") {
    const headers = { get: (n: string) => (n === "x-forwarded-for" ? ip : null) };
    const chosen = meterChoiceNow({ slug, cookieHeader: cookie, headers, counting: true });
    const atOnce = !(chosen instanceof Promise);
    return { atOnce, choice: await chosen };
  }

  it("answers at once once it knows the article, the same as asking", async () => {
    await setMeter({ allowance: 2 });
    dropEverything();
    // The first read without a cookie waits: the article, and the network's count.
    const first = await openNow(undefined, "one");
    expect(first).toMatchObject({ atOnce: false, choice: { render: "metered-1", freeRead: "free" } });
    let cookie = first.choice.setCookie!.split(";")[0];
    const from = { get: (n: string) => (n === "x-forwarded-for" ? "10.9.0.1" : null) };
    await meterChoice({ slug: "two", cookieHeader: undefined, headers: from, counting: false }); // "two" known now
    // At once: re-reads and the wall of known articles; a new free read asks the network's count.
    const walk: [string, string, boolean][] = [["one", "metered-1", true], ["two", "metered-0", false], ["three", "spent", false], ["two", "metered-0", true], ["three", "spent", true]];
    for (const [slug, render, atOnce] of walk) {
      const now = await openNow(cookie, slug);
      expect(now.atOnce, slug).toBe(atOnce); // "three" was not known the first time
      expect(now.choice.render).toBe(render);
      // What needs no count is the same asked either way (a free read would be counted twice).
      if (!now.choice.setCookie) expect(now.choice).toEqual(await meterChoice({ slug, cookieHeader: cookie, headers: from, counting: true }));
      if (now.choice.setCookie) cookie = now.choice.setCookie.split(";")[0];
    }
    // A cookie checked once and then changed by hand is checked again: still not ours.
    expect(await openNow(`${cookie}x`, "one")).toEqual({ atOnce: true, choice: { render: "spent" } });
    expect(await openNow(cookie, "one")).toEqual({ atOnce: true, choice: { render: "metered-0" } });
  });

  it("takes the desk's change as soon as its drop arrives", async () => {
    await setMeter({ allowance: 2 });
    dropEverything();
    await openNow(undefined, "one", "10.9.0.2");
    await setMeter({ enabled: false });
    dropEverything();
    expect(await openNow(undefined, "one", "10.9.0.2")).toEqual({ atOnce: false, choice: { render: "anonymous" } });
    expect(await openNow(undefined, "one", "10.9.0.2")).toEqual({ atOnce: true, choice: { render: "anonymous" } });
    await db.update(articles).set({ metered: false }).where(eq(articles.slug, "one"));
    await setMeter({ enabled: true });
    dropEverything();
    expect((await openNow(undefined, "one", "10.9.0.2")).choice).toEqual({ render: "anonymous" }); // members only now
    await db.update(articles).set({ metered: true }).where(eq(articles.slug, "one"));
    dropEverything();
  });
});

describe.skipIf(!usingPostgres)("the meter while the database stalls", () => {
  it("does not hold the reader: a free read that must be counted fails within its wait, and the front server serves the gate", async () => {
    await setMeter({ allowance: 3 });
    await browser("10.6.0.1").open("one"); // the settings and the article known
    const stalled = await stallTable(database.url()!, "rate_limit", 5);
    try {
      const started = Date.now();
      await expect(browser("10.6.0.2").open("two")).rejects.toThrow(/did not answer the meter/);
      const waited = Date.now() - started;
      expect(waited).toBeGreaterThanOrEqual(METER_WAIT_MS - 50);
      expect(waited).toBeLessThan(METER_WAIT_MS + 1000);
    } finally {
      await stalled.released;
    }
    expect((await browser("10.6.0.2").open("two")).render).toBe("metered-2");
  });
});
