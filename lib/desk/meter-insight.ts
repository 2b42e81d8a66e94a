import "server-only";
import { and, eq, gte, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articleTraffic, joins, users } from "@/lib/db/schema";
import { dayKey, windowDays, windowStart } from "@/lib/insight/days";
import { meterJoinColumns, type MeterJoins } from "./insight";

// What the meter did, from article_traffic (free reads it gave and readers whose last free
// read that was, per UTC day and article, lib/insight) and from join.source (readers who joined from
// its notice or its wall, each counted once, confirmed members apart from the others).

const freeReads = sql<number>`coalesce(sum(${articleTraffic.freeReads}), 0)::int`;
const ranOut = sql<number>`coalesce(sum(${articleTraffic.ranOut}), 0)::int`;

export type MeterDay = { day: string; freeReads: number; ranOut: number };

/** Free reads the meter gave, and readers who ran out, per UTC day, oldest first, zeros too. */
export async function meterPerDay(days = 30, now = new Date()): Promise<MeterDay[]> {
  const all = windowDays(now, days);
  const rows = await db
    .select({ day: articleTraffic.day, freeReads, ranOut })
    .from(articleTraffic)
    .where(gte(articleTraffic.day, all[0]))
    .groupBy(articleTraffic.day);
  const byDay = new Map(rows.map((r) => [r.day, r]));
  return all.map((day) => ({ day, freeReads: byDay.get(day)?.freeReads ?? 0, ranOut: byDay.get(day)?.ranOut ?? 0 }));
}

export type MeterFigures = { freeReads: number; ranOut: number } & MeterJoins;

async function reads(articleId: number | null, since: Date | null) {
  const where = and(
    articleId === null ? undefined : eq(articleTraffic.articleId, articleId),
    since === null ? undefined : gte(articleTraffic.day, dayKey(since)),
  );
  const [row] = await db.select({ freeReads, ranOut }).from(articleTraffic).where(where);
  return row ?? { freeReads: 0, ranOut: 0 };
}

async function meterJoins(articleId: number | null, since: Date | null): Promise<MeterJoins> {
  const where = and(
    articleId === null ? undefined : eq(joins.articleId, articleId),
    since === null ? undefined : gte(joins.createdAt, since),
  );
  const [row] = await db.select(meterJoinColumns()).from(joins).innerJoin(users, eq(users.id, joins.userId)).where(where);
  return row;
}

async function figures(articleId: number | null, since: Date | null): Promise<MeterFigures> {
  const [r, j] = await Promise.all([reads(articleId, since), meterJoins(articleId, since)]);
  return { ...r, ...j };
}

/** The whole site's meter over the last `days` UTC days (today included). */
export function meterTotals(days = 30, now = new Date()): Promise<MeterFigures> {
  return figures(null, windowStart(now, days));
}

export type ArticleMeter = { last30: MeterFigures; total: MeterFigures };

/** One article's meter: the last 30 UTC days (today included), and ever. */
export async function articleMeter(articleId: number, now = new Date()): Promise<ArticleMeter> {
  const [last30, total] = await Promise.all([figures(articleId, windowStart(now, 30)), figures(articleId, null)]);
  return { last30, total };
}
