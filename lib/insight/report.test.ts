// Integration: the funnel the desk shows, from article_traffic and the join rows.
import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { sql } from "drizzle-orm";
import { articles, articleTraffic } from "@/lib/db/schema";
import { articleFunnel, articleFunnels, funnels, gateViewsAndJoinsPerDay, issueVisits, siteFunnel, sourceTable, TOP_HOSTS } from "./report";

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
        { slug: "ferry", title: "Ferry", premium: true },
        { slug: "bakery", title: "Bakery", premium: true },
        { slug: "quiet", title: "Quiet" },
      ])
      .returning({ id: articles.id })
  ).map((a) => a.id);
  await db.insert(articleTraffic).values([
    { day: day(0), articleId: ferry, source: "search", anonymousViews: 100, memberViews: 10, gateViews: 80 },
    { day: day(1), articleId: ferry, source: "newsletter", issueId: 7, anonymousViews: 20, memberViews: 30, gateViews: 20 },
    { day: day(10), articleId: ferry, source: "direct", anonymousViews: 50, gateViews: 40, meteredReads: 5, spentGates: 3 },
    { day: day(0), articleId: bakery, source: "social", anonymousViews: 10, gateViews: 10 },
    { day: day(0), articleId: bakery, source: "bot", anonymousViews: 999 },
    { day: day(60), articleId: bakery, source: "other", host: "far.example", anonymousViews: 7, gateViews: 7 },
    ...Array.from({ length: TOP_HOSTS + 2 }, (_, i) => ({
      day: day(2),
      articleId: bakery,
      source: "other" as const,
      host: `site${i}.example`,
      anonymousViews: 100 - i,
      gateViews: 1,
    })),
  ]);
  // Written with each join and first sign-in (lib/auth): see funnel-writes.test.ts.
  await db.insert(articleTraffic).values([
    { day: day(0), articleId: ferry, source: "search", host: "", issueId: 0, joins: 1, confirmations: 1, newsletterOptIns: 1 },
    { day: day(1), articleId: ferry, source: "newsletter", issueId: 7, joins: 2, confirmations: 1 },
    { day: day(20), articleId: bakery, source: "other", host: "site0.example", joins: 1, confirmations: 1 },
  ]).onConflictDoUpdate({
    target: [articleTraffic.day, articleTraffic.articleId, articleTraffic.source, articleTraffic.host, articleTraffic.issueId],
    set: { joins: sql`excluded.joins`, confirmations: sql`excluded.confirmations`, newsletterOptIns: sql`excluded.newsletter_opt_ins` },
  });
});

describe("the funnel", () => {
  it("adds up the site's steps for 7, 30 and 90 days, bots apart", async () => {
    expect(await siteFunnel(7, NOW)).toEqual({
      views: 100 + 10 + 20 + 30 + 10 + (100 + 99 + 98 + 97 + 96 + 95 + 94 + 93 + 92 + 91 + 90 + 89),
      memberViews: 40,
      gateViews: 80 + 20 + 10 + 12,
      meteredReads: 0,
      spentGates: 0,
      joins: 3,
      confirmed: 2,
      subscribed: 1,
      botViews: 999,
    });
    expect(await siteFunnel(30, NOW)).toMatchObject({ gateViews: 162, meteredReads: 5, spentGates: 3, joins: 4, confirmed: 3 });
    expect((await siteFunnel(90, NOW)).gateViews).toBe(169);
  });

  it("gives every period's funnel from one query, the same as each alone", async () => {
    const each = await Promise.all([7, 30, 90].map((d) => siteFunnel(d, NOW)));
    expect(await funnels([7, 30, 90], null, NOW)).toEqual(each);
    expect((await funnels([7, 90], ferry, NOW))[1]).toEqual(await articleFunnel(ferry, 90, NOW));
  });

  it("gives one article's own funnel", async () => {
    expect(await articleFunnel(ferry, 7, NOW)).toMatchObject({ views: 160, gateViews: 100, joins: 3, confirmed: 2, subscribed: 1 });
    expect(await articleFunnel(bakery, 7, NOW)).toMatchObject({ gateViews: 22, joins: 0, botViews: 999 });
  });

  it("lists articles by gate views, joins or conversion (joins per gate view)", async () => {
    const byGate = await articleFunnels(30, "gate-views", NOW);
    expect(byGate.map((a) => [a.title, a.gateViews, a.joins])).toEqual([
      ["Ferry", 140, 3],
      ["Bakery", 22, 1],
    ]);
    expect(byGate[0].conversion).toBeCloseTo(3 / 140);
    expect((await articleFunnels(30, "conversion", NOW)).map((a) => a.title)).toEqual(["Bakery", "Ferry"]);
    expect((await articleFunnels(30, "joins", NOW)).map((a) => a.title)).toEqual(["Ferry", "Bakery"]);
  });

  it("says where readers came from, naming the top other sites and summing the rest, bots last", async () => {
    const rows = await sourceTable(30, NOW);
    expect(rows[0]).toEqual({ source: "search", host: "", views: 110, gateViews: 80, joins: 1, confirmed: 1 });
    expect(rows.find((r) => r.source === "newsletter")).toEqual({ source: "newsletter", host: "", views: 50, gateViews: 20, joins: 2, confirmed: 1 });
    const others = rows.filter((r) => r.source === "other");
    expect(others).toHaveLength(TOP_HOSTS + 1);
    expect(others[0]).toEqual({ source: "other", host: "site0.example", views: 100, gateViews: 1, joins: 1, confirmed: 1 });
    expect(others.at(-1)).toEqual({ source: "other", host: "", views: 89 + 90, gateViews: 2, joins: 0, confirmed: 0 });
    expect(rows.at(-1)).toMatchObject({ source: "bot", views: 999 });
  });

  it("gives 30 days of gate views and joins, zeros too", async () => {
    const days = await gateViewsAndJoinsPerDay(30, NOW);
    expect(days).toHaveLength(30);
    expect(days.at(-1)).toEqual({ day: "2026-11-20", gateViews: 90, joins: 1 });
    expect(days.find((d) => d.day === day(1))).toEqual({ day: day(1), gateViews: 20, joins: 2 });
    expect(days.find((d) => d.day === day(5))).toEqual({ day: day(5), gateViews: 0, joins: 0 });
  });

  it("counts the visits and joins that came from one newsletter issue, per article", async () => {
    const visits = await issueVisits(7);
    expect([...visits.values()]).toEqual([{ articleId: ferry, views: 50, gateViews: 20, joins: 2 }]);
    expect((await issueVisits(8)).size).toBe(0);
  });
});
