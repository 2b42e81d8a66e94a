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

/** A browser: it keeps the meter cookie it is given, from one client address. */
function browser(ip = "10.20.30.40") {
  let cookie: string | undefined;
  return {
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
    expect(b.cookie).toMatch(/^lede-meter=v1\./);
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
    for (const bad of [`${good}x`, good.replace("v1.", "v2."), "lede-meter=v1..AAAAAAAAAAAAAAAAAAAAAA", "lede-meter=garbage", "lede-meter="]) {
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

  it("gives no more to a reader who keeps putting back an older cookie than the network's cap", async () => {
    await setMeter({ allowance: 3 });
    const b = browser("10.5.0.1");
    await b.open("one");
    const old = b.cookie;
    let free = 1;
    for (let i = 0; i < CAP + 5; i++) {
      b.cookie = old; // each time before it was spent: the cookie alone says one read
      const choice = await b.open("two");
      if (choice.render !== "metered-1") {
        expect(choice).toEqual({ render: "anonymous" });
        break;
      }
      free++;
    }
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

describe("the meter in a web process (its facts kept in memory)", () => {
  const store = createStore();
  const dropEverything = () => store.dropLocally([EVERYTHING_TAG]);
  beforeAll(() => {
    frontContract().renderCache = store;
  });
  afterAll(() => {
    delete frontContract().renderCache;
  });

  /** Opens `slug` as server.js does: the answer, and whether it came with no wait. */
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
    await meterChoice({ slug: "two", cookieHeader: undefined, headers: { get: () => null }, counting: false }); // "two" known now
    // At once: re-reads and the wall of known articles; a new free read asks the network's count.
    const walk: [string, string, boolean][] = [["one", "metered-1", true], ["two", "metered-0", false], ["three", "spent", false], ["two", "metered-0", true], ["three", "spent", true]];
    for (const [slug, render, atOnce] of walk) {
      const now = await openNow(cookie, slug);
      const asked = await meterChoice({ slug, cookieHeader: cookie, headers: { get: () => null }, counting: true });
      expect(now.atOnce, slug).toBe(atOnce); // "three" was not known the first time
      expect(now.choice).toEqual(asked);
      expect(now.choice.render).toBe(render);
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
  it("does not hold the reader: a free read that must be counted fails within its wait, and server.js serves the gate", async () => {
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
