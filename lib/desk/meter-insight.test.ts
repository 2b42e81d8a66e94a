// Integration: what the insight page says the meter did, from article_traffic and join.source.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, joins, articleTraffic, users } from "@/lib/db/schema";
import { articleMeter, meterPerDay, meterTotals } from "./meter-insight";

useTestDatabase();

const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
const day = (d: number) => daysAgo(d).toISOString().slice(0, 10);
let ferry = 0;
let bakery = 0;

beforeAll(async () => {
  [ferry, bakery] = (
    await db
      .insert(articles)
      .values([
        { slug: "ferry", title: "Ferry", body: "x", premium: true },
        { slug: "bakery", title: "Bakery", body: "x", premium: true },
      ])
      .returning({ id: articles.id })
  ).map((a) => a.id);
  await db.insert(articleTraffic).values([
    { day: day(0), articleId: ferry, source: "direct" as const, freeReads: 5, ranOut: 2 },
    { day: day(0), articleId: bakery, source: "direct" as const, freeReads: 3, ranOut: 1 },
    { day: day(2), articleId: ferry, source: "direct" as const, freeReads: 4, ranOut: 0 },
    { day: day(29), articleId: bakery, source: "direct" as const, freeReads: 1, ranOut: 1 }, // the window's first day
    { day: day(30), articleId: ferry, source: "direct" as const, freeReads: 100, ranOut: 50 }, // just outside it
  ]);
  const [a, b, c, x, y] = (
    await db
      .insert(users)
      .values([
        ...["a", "b", "c"].map((n) => ({ email: `${n}@example.com`, emailVerified: daysAgo(0) })),
        { email: "x@example.com" },
        { email: "y@example.com" },
      ])
      .returning({ id: users.id })
  ).map((u) => u.id);
  await db.insert(joins).values([
    { userId: a, articleId: ferry, source: "meter-wall", createdAt: daysAgo(1) },
    { userId: a, articleId: ferry, source: "meter-wall", createdAt: daysAgo(1) }, // twice: one reader
    { userId: b, articleId: ferry, source: "meter-notice", createdAt: daysAgo(3) },
    { userId: x, articleId: ferry, source: "meter-wall", createdAt: daysAgo(2) }, // asked, never confirmed
    { userId: c, articleId: ferry, source: null, createdAt: daysAgo(2) }, // from the plain gate
    { userId: c, articleId: bakery, source: "meter-notice", createdAt: daysAgo(45) }, // long ago
    { userId: y, articleId: bakery, source: "meter-notice", createdAt: daysAgo(4) },
  ]);
});

describe("the meter's insight", () => {
  it("gives 30 UTC days of free reads and readers who ran out, all articles summed, zeros included", async () => {
    const days = await meterPerDay(30, NOW);
    expect(days).toHaveLength(30);
    expect(days[0]).toEqual({ day: "2026-10-22", freeReads: 1, ranOut: 1 });
    expect(days.at(-1)).toEqual({ day: "2026-11-20", freeReads: 8, ranOut: 3 });
    expect(days.find((d) => d.day === day(2))).toEqual({ day: "2026-11-18", freeReads: 4, ranOut: 0 });
    expect(days.find((d) => d.day === day(1))).toEqual({ day: "2026-11-19", freeReads: 0, ranOut: 0 });
    expect(days.reduce((n, d) => n + d.freeReads, 0)).toBe(13);
  });

  it("totals the last 30 days: free reads, ran out, and readers who joined from the notice and the wall", async () => {
    expect(await meterTotals(30, NOW)).toEqual({
      freeReads: 13,
      ranOut: 4,
      notice: { joined: 1, asked: 1 },
      wall: { joined: 1, asked: 1 },
    });
  });

  it("gives one article's meter in 30 days and ever", async () => {
    expect(await articleMeter(ferry, NOW)).toEqual({
      last30: { freeReads: 9, ranOut: 2, notice: { joined: 1, asked: 0 }, wall: { joined: 1, asked: 1 } },
      total: { freeReads: 109, ranOut: 52, notice: { joined: 1, asked: 0 }, wall: { joined: 1, asked: 1 } },
    });
    expect(await articleMeter(bakery, NOW)).toEqual({
      last30: { freeReads: 4, ranOut: 2, notice: { joined: 0, asked: 1 }, wall: { joined: 0, asked: 0 } },
      total: { freeReads: 4, ranOut: 2, notice: { joined: 1, asked: 1 }, wall: { joined: 0, asked: 0 } },
    });
  });

  it("says nothing for an article the meter never met", async () => {
    const [quiet] = await db.insert(articles).values({ slug: "quiet", title: "Quiet", body: "x" }).returning({ id: articles.id });
    const none = { freeReads: 0, ranOut: 0, notice: { joined: 0, asked: 0 }, wall: { joined: 0, asked: 0 } };
    expect(await articleMeter(quiet.id, NOW)).toEqual({ last30: none, total: none });
  });
});
