import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterIssues, newsletters, type Newsletter } from "@/lib/db/schema";
import { dayKey } from "@/lib/insight/days";
import { env } from "@/lib/config/env";
import { nextRun, previousRun, wallAt } from "../schedule/zoned";

// The digest: per newsletter, an issue made on its own on a schedule (its weekdays and local
// time in SITE_TIME_ZONE) from what readers did in the period since the last run: the
// articles most read and most joined from (the insight counts, article_traffic), after the
// ones the editor pinned. It is left as a draft for an editor to approve, or, when the
// newsletter says so, sent on its own (as an issue scheduled for now, which the schedule's
// sweep starts once). A period with nothing new makes nothing.

export type DigestSettings = Pick<Newsletter, "id" | "name" | "digestDays" | "digestTime" | "digestSize" | "digestPinnedIds">;

export type DigestArticle = { id: number; title: string; reads: number; joins: number; why: "pinned" | "read" | "joined" };
export type DigestContents = { start: Date; end: Date; articles: DigestArticle[] };

const WEEK_MS = 7 * 86_400_000;

/** The period a run at `end` covers: from the schedule's run before it (a week back at most). */
export function periodBefore(n: Pick<Newsletter, "digestDays" | "digestTime">, end: Date): Date {
  const before = previousRun(n.digestDays, n.digestTime, env.siteTimeZone, new Date(end.getTime() - 60_000));
  return before && before.getTime() < end.getTime() ? before : new Date(end.getTime() - WEEK_MS);
}

/** When the schedule next makes a digest, after `now` (null: no day chosen). */
export function nextDigestRun(n: Pick<Newsletter, "digestDays" | "digestTime">, now = new Date()): Date | null {
  return nextRun(n.digestDays, n.digestTime, env.siteTimeZone, now);
}

type Row = { id: number; title: string; reads: number; joins: number; published_at: string | Date; pinned: boolean };

/**
 * What a digest for the period [start, end) holds. The counts are kept per day (UTC), so
 * the period's reads and joins are those of the days it touches. Only published articles,
 * and only ones read, joined from or published in the period: when there is none, the
 * period had nothing new and the digest is empty (pinned articles alone make none).
 */
export async function digestContents(n: DigestSettings, start: Date, end: Date, tx: Executor = db): Promise<DigestContents> {
  const pinned = n.digestPinnedIds.filter((id) => Number.isSafeInteger(id) && id > 0);
  const rows = rowsOf<Row>(
    await tx.execute(sql`
      WITH counts AS (
        SELECT article_id, sum(anonymous_views + member_views)::int AS reads, sum(joins)::int AS joins
        FROM article_traffic
        WHERE day >= ${dayKey(start)} AND day <= ${dayKey(end)} AND source <> 'bot'
        GROUP BY article_id
      )
      SELECT a.id, a.title, coalesce(c.reads, 0) AS reads, coalesce(c.joins, 0) AS joins, a.published_at,
             a.id = ANY(${`{${pinned.join(",")}}`}::int[]) AS pinned
      FROM article a LEFT JOIN counts c ON c.article_id = a.id
      WHERE a.status = 'published' AND a.published_at < ${end.toISOString()}::timestamptz
        AND (c.reads > 0 OR c.joins > 0 OR a.published_at >= ${start.toISOString()}::timestamptz
             OR a.id = ANY(${`{${pinned.join(",")}}`}::int[]))`),
  );
  const news = rows.filter((r) => r.reads > 0 || r.joins > 0 || new Date(r.published_at).getTime() >= start.getTime());
  if (news.length === 0) return { start, end, articles: [] };
  const taken = new Set<number>();
  const out: DigestArticle[] = [];
  const take = (r: Row, why: DigestArticle["why"]) => {
    taken.add(r.id);
    out.push({ id: r.id, title: r.title, reads: Number(r.reads), joins: Number(r.joins), why });
  };
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const id of pinned) {
    const r = byId.get(id);
    if (r && !taken.has(id)) take(r, "pinned");
  }
  const newest = (a: Row, b: Row) => new Date(b.published_at).getTime() - new Date(a.published_at).getTime() || b.id - a.id;
  const mostRead = news.filter((r) => !taken.has(r.id)).sort((a, b) => b.reads - a.reads || b.joins - a.joins || newest(a, b));
  for (const r of mostRead.slice(0, n.digestSize)) take(r, "read");
  const mostJoined = news.filter((r) => !taken.has(r.id) && r.joins > 0).sort((a, b) => b.joins - a.joins || b.reads - a.reads || newest(a, b));
  for (const r of mostJoined.slice(0, n.digestSize)) take(r, "joined");
  return { start, end, articles: out };
}

const shortDay = (at: Date) => {
  const w = wallAt(at.getTime(), env.siteTimeZone);
  const month = new Intl.DateTimeFormat("en-GB", { month: "short", timeZone: "UTC" }).format(new Date(Date.UTC(w.year, w.month - 1, 1)));
  return `${w.day} ${month}`;
};

/** The digest issue's subject and intro (Markdown) for its contents. */
export function digestWords(n: Pick<Newsletter, "name">, c: DigestContents): { subject: string; intro: string } {
  const period = `${shortDay(c.start)} – ${shortDay(c.end)}`;
  const lines = [`The articles our readers read most, and joined from most, ${period}.`];
  if (c.articles.some((a) => a.why === "pinned")) lines.push("", "Our editors' picks come first.");
  return { subject: `${n.name}: the best of ${period}`, intro: lines.join("\n") };
}

/** What a digest would hold if it ran now: the period since the schedule's last run. */
export async function digestIfRunNow(n: Newsletter, now = new Date()): Promise<DigestContents> {
  return digestContents(n, periodBefore(n, now), now);
}

/**
 * Every worker runs this every few seconds. For each newsletter with a digest whose last slot
 * (its weekday and time, just past) came after the one it last dealt with: the digest of the
 * period ending at that slot is made, once. The newsletter's row is locked (SKIP LOCKED: a
 * second worker skips it) and its digest_done_until moved to the slot in the transaction that
 * inserts the issue; the unique (newsletter, period end) index backs it. A slot missed while no
 * worker ran is made at the next sweep; slots before the last are not made up.
 */
export async function makeDueDigests(now = new Date()): Promise<number> {
  const due = await db
    .select()
    .from(newsletters)
    .where(and(eq(newsletters.digestOn, true), isNull(newsletters.archivedAt)));
  let made = 0;
  for (const n of due) {
    const end = previousRun(n.digestDays, n.digestTime, env.siteTimeZone, now);
    if (!end || !n.digestDoneUntil || end.getTime() <= n.digestDoneUntil.getTime()) continue;
    const id = await db.transaction(async (tx) => {
      const [locked] = rowsOf<{ id: number }>(
        await tx.execute(sql`SELECT id FROM newsletter WHERE id = ${n.id} AND digest_on AND archived_at IS NULL
                               AND digest_done_until < ${end.toISOString()}::timestamptz
                             FOR UPDATE SKIP LOCKED`),
      );
      if (!locked) return null;
      await tx.execute(sql`UPDATE newsletter SET digest_done_until = ${end.toISOString()}::timestamptz WHERE id = ${n.id}`);
      const contents = await digestContents(n, periodBefore(n, end), end, tx);
      if (contents.articles.length === 0) {
        console.log(`[newsletter] ${n.name}: nothing new for the digest ending ${end.toISOString()}; none made`);
        return null;
      }
      const words = digestWords(n, contents);
      const [row] = await tx
        .insert(newsletterIssues)
        .values({
          newsletterId: n.id,
          kind: "digest",
          subject: words.subject,
          intro: words.intro,
          articleIds: contents.articles.map((a) => a.id),
          digestPeriodStart: contents.start,
          digestPeriodEnd: end,
          // Sent on its own: a schedule due now, which the schedule's sweep starts once
          // (or, if it cannot start, turns back into a draft for an editor).
          ...(n.digestAutoSend ? { status: "scheduled" as const, scheduledAt: now } : {}),
        })
        .onConflictDoNothing()
        .returning({ id: newsletterIssues.id });
      return row?.id ?? null;
    });
    if (id !== null) {
      made++;
      console.log(`[newsletter] ${n.name}: digest made (issue ${id})${n.digestAutoSend ? ", sending on its own" : ", waiting for an editor"}`);
    }
  }
  return made;
}
