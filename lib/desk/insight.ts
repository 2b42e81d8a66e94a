import "server-only";
import { and, desc, eq, gte, isNotNull, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles, joins } from "@/lib/db/schema";

// A "join" is a reader asking to join from an article; readers who press Join twice
// count once, so every figure here counts distinct readers.
const readers = sql<number>`count(distinct ${joins.userId})::int`;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC `days - 1` days before `now`: the first day of a `days`-day window. */
export function windowStart(now: Date, days: number): Date {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(today - (days - 1) * DAY_MS);
}

export type ArticleJoins = { last7: number; last30: number; total: number };

/** Readers who joined from one article in the last 7 and 30 days (rolling), and ever. */
export async function articleJoins(articleId: number, now = new Date()): Promise<ArticleJoins> {
  const since = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const [row] = await db
    .select({
      last7: sql<number>`count(distinct ${joins.userId}) filter (where ${gte(joins.createdAt, since(7))})::int`,
      last30: sql<number>`count(distinct ${joins.userId}) filter (where ${gte(joins.createdAt, since(30))})::int`,
      total: readers,
    })
    .from(joins)
    .where(eq(joins.articleId, articleId));
  return row ?? { last7: 0, last30: 0, total: 0 };
}

export type DayJoins = { day: string; joins: number };

/** Readers who joined per UTC day, oldest first, with a row for every day (zeros too). */
export async function joinsPerDay(days = 30, now = new Date()): Promise<DayJoins[]> {
  const start = windowStart(now, days);
  const day = sql<string>`to_char(${joins.createdAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({ day, joins: readers })
    .from(joins)
    .where(gte(joins.createdAt, start))
    .groupBy(day);
  const byDay = new Map(rows.map((r) => [r.day, r.joins]));
  return Array.from({ length: days }, (_, i) => {
    const key = new Date(start.getTime() + i * DAY_MS).toISOString().slice(0, 10);
    return { day: key, joins: byDay.get(key) ?? 0 };
  });
}

export type TopArticle = { id: number; slug: string; title: string; status: "published" | "draft"; joins: number };

/** The articles most readers joined from in the last `days` days. */
export async function topConvertingArticles(days = 30, limit = 10, now = new Date()): Promise<TopArticle[]> {
  const start = new Date(now.getTime() - days * DAY_MS);
  return db
    .select({ id: articles.id, slug: articles.slug, title: articles.title, status: articles.status, joins: readers })
    .from(joins)
    .innerJoin(articles, eq(articles.id, joins.articleId))
    .where(and(isNotNull(joins.articleId), gte(joins.createdAt, start)))
    .groupBy(articles.id)
    .orderBy(desc(readers), articles.title)
    .limit(limit);
}
