import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, joins, users } from "@/lib/db/schema";
import { articleJoins, signupsByArticle } from "./insight";

useTestDatabase();

const NOW = new Date("2026-11-20T12:00:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);
let ferry = 0;
let bakery = 0;
let harbour = 0;

beforeAll(async () => {
  const made = await db
    .insert(articles)
    .values([
      { slug: "ferry", title: "Ferry", body: "x" },
      { slug: "bakery", title: "Bakery", body: "x" },
      { slug: "harbour", title: "Harbour", body: "x" },
    ])
    .returning({ id: articles.id });
  [ferry, bakery, harbour] = made.map((a) => a.id);
  const signedIn = daysAgo(0);
  const people = await db
    .insert(users)
    .values([
      // Confirmed: signed in (a, b, c), imported by the publisher (d).
      ...["a", "b", "c"].map((n) => ({ email: `${n}@example.com`, emailVerified: signedIn })),
      { email: "d@example.com", importedAt: signedIn },
      // Asked to join and never confirmed.
      { email: "x@example.com" },
      { email: "y@example.com" },
    ])
    .returning({ id: users.id });
  const [a, b, c, d, x, y] = people.map((p) => p.id);
  await db.insert(joins).values([
    { userId: a, articleId: ferry, createdAt: daysAgo(1) },
    { userId: a, articleId: ferry, createdAt: daysAgo(1) }, // pressed Join twice: one reader
    { userId: b, articleId: ferry, createdAt: daysAgo(10) },
    { userId: c, articleId: ferry, createdAt: daysAgo(40) },
    { userId: d, articleId: bakery, createdAt: daysAgo(2) },
    { userId: c, articleId: null, createdAt: daysAgo(0) },
    { userId: x, articleId: ferry, createdAt: daysAgo(1) },
    { userId: x, articleId: ferry, createdAt: daysAgo(1) },
    { userId: y, articleId: ferry, createdAt: daysAgo(20) },
    // Only unconfirmed readers, but more of them than the bakery's one confirmed reader.
    { userId: x, articleId: harbour, createdAt: daysAgo(3) },
    { userId: y, articleId: harbour, createdAt: daysAgo(3) },
  ]);
});

describe("conversion insight", () => {
  it("counts confirmed readers who joined from an article in 7 and 30 days and ever, the others apart", async () => {
    expect(await articleJoins(ferry, NOW)).toEqual({
      joined: { last7: 1, last30: 2, total: 3 },
      asked: { last7: 1, last30: 2, total: 2 },
    });
    expect(await articleJoins(bakery, NOW)).toEqual({
      joined: { last7: 1, last30: 1, total: 1 },
      asked: { last7: 0, last30: 0, total: 0 },
    });
  });

  it("gives the desk's list its signups per article, confirmed and not", async () => {
    const signups = await signupsByArticle([ferry, bakery, harbour]);
    expect(signups.get(ferry)).toEqual({ joined: 3, asked: 2 });
    expect(signups.get(bakery)).toEqual({ joined: 1, asked: 0 });
    expect(signups.get(harbour)).toEqual({ joined: 0, asked: 2 });
  });
});
