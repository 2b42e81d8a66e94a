import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, joins, users } from "@/lib/db/schema";
import { articleJoins, joinsPerDay, topConvertingArticles } from "./insight";

useTestDatabase();

const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let ferry = 0;
let bakery = 0;

beforeAll(async () => {
  const made = await db
    .insert(articles)
    .values([
      { slug: "ferry", title: "Ferry", body: "x" },
      { slug: "bakery", title: "Bakery", body: "x" },
    ])
    .returning({ id: articles.id });
  [ferry, bakery] = made.map((a) => a.id);
  const people = await db
    .insert(users)
    .values(["a", "b", "c", "d"].map((n) => ({ email: `${n}@example.com` })))
    .returning({ id: users.id });
  const [a, b, c, d] = people.map((p) => p.id);
  await db.insert(joins).values([
    { userId: a, articleId: ferry, createdAt: daysAgo(1) },
    { userId: a, articleId: ferry, createdAt: daysAgo(1) }, // pressed Join twice: one reader
    { userId: b, articleId: ferry, createdAt: daysAgo(10) },
    { userId: c, articleId: ferry, createdAt: daysAgo(40) },
    { userId: d, articleId: bakery, createdAt: daysAgo(2) },
    { userId: c, articleId: null, createdAt: daysAgo(0) },
  ]);
});

describe("conversion insight", () => {
  it("counts readers who joined from an article in 7 and 30 days and ever", async () => {
    expect(await articleJoins(ferry, NOW)).toEqual({ last7: 1, last30: 2, total: 3 });
    expect(await articleJoins(bakery, NOW)).toEqual({ last7: 1, last30: 1, total: 1 });
  });

  it("gives 30 UTC days of joins, zeros included, today last", async () => {
    const days = await joinsPerDay(30, NOW);
    expect(days).toHaveLength(30);
    expect(days[0].day).toBe("2026-10-22");
    expect(days.at(-1)).toEqual({ day: "2026-11-20", joins: 1 });
    expect(days.find((d) => d.day === "2026-11-19")?.joins).toBe(1);
    expect(days.find((d) => d.day === "2026-11-10")?.joins).toBe(1);
    expect(days.reduce((n, d) => n + d.joins, 0)).toBe(4);
  });

  it("ranks the articles readers joined from in 30 days", async () => {
    const top = await topConvertingArticles(30, 10, NOW);
    expect(top.map((t) => [t.title, t.joins])).toEqual([
      ["Ferry", 2],
      ["Bakery", 1],
    ]);
  });
});
