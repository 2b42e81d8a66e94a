import "server-only";
import { eq, gte, inArray, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { joins, users } from "@/lib/db/schema";
import { DAY_MS } from "@/lib/insight/days";
import { confirmedMember } from "./members";

// A "join" is a reader asking to join from an article; readers who press Join twice
// count once, so every figure here counts distinct readers. A join counts once the reader
// is a confirmed member (lib/desk/members.ts); until then it is shown apart as "asked,
// not confirmed", since anyone can type anyone's address into the gate.
export const readers = (where: SQL) => sql<number>`count(distinct ${joins.userId}) filter (where ${where})::int`;
const joined = readers(confirmedMember);
const asked = readers(sql`not (${confirmedMember})`);

export type Signups = { joined: number; asked: number };
export type JoinSource = NonNullable<(typeof joins.$inferSelect)["source"]>;

/** Readers who joined from the meter's notice (above a free read) or its wall, counted as above. */
const fromSource = (source: JoinSource) => ({
  joined: readers(sql`${joins.source} = ${source} and ${confirmedMember}`),
  asked: readers(sql`${joins.source} = ${source} and not (${confirmedMember})`),
});
export const meterJoinColumns = () => ({ notice: fromSource("meter-notice"), wall: fromSource("meter-wall") });
export type MeterJoins = { notice: Signups; wall: Signups };

export type JoinWindows = { last7: number; last30: number; total: number };
export type ArticleJoins = { joined: JoinWindows; asked: JoinWindows };

/**
 * Readers who joined from one article in the last 7 and 30 days (rolling), and ever:
 * the confirmed ones, and apart those who asked and never confirmed.
 */
export async function articleJoins(articleId: number, now = new Date()): Promise<ArticleJoins> {
  const since = (days: number) => gte(joins.createdAt, new Date(now.getTime() - days * DAY_MS));
  const windows = (who: SQL) => ({
    last7: readers(sql`${who} and ${since(7)}`),
    last30: readers(sql`${who} and ${since(30)}`),
    total: readers(who),
  });
  const notConfirmed = sql`not (${confirmedMember})`;
  const [row] = await db
    .select({ joined: windows(confirmedMember), asked: windows(notConfirmed) })
    .from(joins)
    .innerJoin(users, eq(users.id, joins.userId))
    .where(eq(joins.articleId, articleId));
  const none = { last7: 0, last30: 0, total: 0 };
  return row ?? { joined: none, asked: none };
}

/** Readers who joined from each of these articles, ever, each reader counted once. */
export async function signupsByArticle(ids: number[]): Promise<Map<number, Signups>> {
  if (ids.length === 0) return new Map();
  const counts = await db
    .select({ articleId: joins.articleId, joined, asked })
    .from(joins)
    .innerJoin(users, eq(users.id, joins.userId))
    .where(inArray(joins.articleId, ids))
    .groupBy(joins.articleId);
  return new Map(counts.map((c) => [c.articleId!, { joined: c.joined, asked: c.asked }]));
}
