import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { dayKey, windowDays, windowStart } from "./days";
import type { Source } from "./source";

// The funnel the desk shows, over a window of UTC days (today included), all from
// article_traffic: views, gate views and the meter (counted in memory, lib/insight/counts.ts;
// bots apart), and joins, confirmations and newsletter opt-ins (counted the same way once
// the join or first sign-in committed, lib/auth), each with the source the reader came from.

export const PERIODS = [7, 30, 90] as const;
export type Period = (typeof PERIODS)[number];

export type Funnel = {
  views: number;
  memberViews: number;
  gateViews: number;
  meteredReads: number;
  spentGates: number;
  joins: number;
  confirmed: number;
  subscribed: number;
  botViews: number;
};

const firstDay = (days: number, now = new Date()) => dayKey(windowStart(now, days));

const columns = sql`
  coalesce(sum(anonymous_views + member_views) filter (where source <> 'bot'), 0)::int AS views,
  coalesce(sum(member_views) filter (where source <> 'bot'), 0)::int AS member_views,
  coalesce(sum(gate_views), 0)::int AS gate_views,
  coalesce(sum(metered_reads), 0)::int AS metered_reads,
  coalesce(sum(spent_gates), 0)::int AS spent_gates,
  coalesce(sum(joins), 0)::int AS joins,
  coalesce(sum(confirmations), 0)::int AS confirmed,
  coalesce(sum(newsletter_opt_ins), 0)::int AS subscribed,
  coalesce(sum(anonymous_views + member_views) filter (where source = 'bot'), 0)::int AS bot_views`;

type Row = {
  views: number;
  member_views: number;
  gate_views: number;
  metered_reads: number;
  spent_gates: number;
  joins: number;
  confirmed: number;
  subscribed: number;
  bot_views: number;
};

function funnelOf(r: Row | undefined): Funnel {
  return {
    views: r?.views ?? 0,
    memberViews: r?.member_views ?? 0,
    gateViews: r?.gate_views ?? 0,
    meteredReads: r?.metered_reads ?? 0,
    spentGates: r?.spent_gates ?? 0,
    joins: r?.joins ?? 0,
    confirmed: r?.confirmed ?? 0,
    subscribed: r?.subscribed ?? 0,
    botViews: r?.bot_views ?? 0,
  };
}

/**
 * The funnel over each of `periods` (UTC days, today included), of one article or the
 * whole site: one query for the longest period, by day, summed per period here.
 */
export async function funnels(periods: readonly number[], articleId: number | null = null, now = new Date()): Promise<Funnel[]> {
  const article = articleId === null ? sql`true` : sql`article_id = ${articleId}::int`;
  const byDay = rowsOf<Row & { day: string }>(
    await db.execute(sql`SELECT day, ${columns} FROM article_traffic WHERE day >= ${firstDay(Math.max(...periods), now)} AND ${article} GROUP BY day`),
  );
  return periods.map((days) => {
    const from = firstDay(days, now);
    const sum = {} as Row;
    for (const r of byDay.filter((r) => r.day >= from)) {
      for (const k of Object.keys(r) as (keyof Row | "day")[]) if (k !== "day") sum[k] = (sum[k] ?? 0) + r[k];
    }
    return funnelOf(sum);
  });
}

/** The whole site's funnel over the last `days` UTC days. */
export async function siteFunnel(days: number, now?: Date): Promise<Funnel> {
  return (await funnels([days], null, now))[0];
}

/** One article's funnel over the last `days` UTC days. */
export async function articleFunnel(articleId: number, days: number, now?: Date): Promise<Funnel> {
  return (await funnels([days], articleId, now))[0];
}

/** Joins per gate view: the share of readers who met the gate and joined (null without gate views). */
export const conversion = (f: Pick<Funnel, "joins" | "gateViews">) => (f.gateViews > 0 ? f.joins / f.gateViews : null);

export type ArticleFunnel = Funnel & { id: number; slug: string; title: string; status: "published" | "draft"; conversion: number | null };
export const ARTICLE_SORTS = ["gate-views", "joins", "conversion"] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** Every article with a view or a join in the window, most gate views (or joins, or conversion) first. */
export async function articleFunnels(days: number, sort: ArticleSort = "gate-views", now?: Date): Promise<ArticleFunnel[]> {
  const found = await db.execute(sql`
    SELECT a.id, a.slug, a.title, a.status, ${columns}
    FROM article_traffic t JOIN article a ON a.id = t.article_id
    WHERE t.day >= ${firstDay(days, now)} GROUP BY a.id`);
  const rows = rowsOf<Row & { id: number; slug: string; title: string; status: "published" | "draft" }>(found).map((r) => {
    const f = funnelOf(r);
    return { id: r.id, slug: r.slug, title: r.title, status: r.status, ...f, conversion: conversion(f) };
  });
  const key: Record<ArticleSort, (r: ArticleFunnel) => number> = {
    "gate-views": (r) => r.gateViews,
    joins: (r) => r.joins,
    conversion: (r) => r.conversion ?? -1,
  };
  return rows.sort((a, b) => key[sort](b) - key[sort](a) || b.gateViews - a.gateViews || b.joins - a.joins || a.title.localeCompare(b.title));
}

export type SourceRow = { source: Source | "bot"; host: string; views: number; gateViews: number; joins: number; confirmed: number };
/** Other sites named in the sources table; the rest are summed in one row. */
export const TOP_HOSTS = 10;

/**
 * Where readers came from: one row per class, with the other sites that sent the most
 * views named (the rest in one "other sites" row), bots last.
 */
export async function sourceTable(days: number, now?: Date): Promise<SourceRow[]> {
  const found = await db.execute(sql`
    SELECT source, host, coalesce(sum(anonymous_views + member_views), 0)::int AS views, coalesce(sum(gate_views), 0)::int AS gate_views,
      coalesce(sum(joins), 0)::int AS joins, coalesce(sum(confirmations), 0)::int AS confirmed
    FROM article_traffic WHERE day >= ${firstDay(days, now)} GROUP BY source, host`);
  const rows = new Map<string, SourceRow>();
  const row = (source: SourceRow["source"], host: string) => {
    const k = `${source}|${host}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { source, host, views: 0, gateViews: 0, joins: 0, confirmed: 0 }));
    return r;
  };
  for (const t of rowsOf<{ source: SourceRow["source"]; host: string; views: number; gate_views: number; joins: number; confirmed: number }>(found)) {
    Object.assign(row(t.source, t.host), { views: t.views, gateViews: t.gate_views, joins: t.joins, confirmed: t.confirmed });
  }
  // Other sites: the top ones by views keep their name, the rest are summed unnamed.
  const others = [...rows.values()].filter((r) => r.source === "other" && r.host !== "").sort((a, b) => b.views - a.views || b.joins - a.joins);
  for (const r of others.slice(TOP_HOSTS)) {
    const rest = row("other", "");
    rest.views += r.views;
    rest.gateViews += r.gateViews;
    rest.joins += r.joins;
    rest.confirmed += r.confirmed;
    rows.delete(`other|${r.host}`);
  }
  const order = ["search", "social", "newsletter", "other", "site", "direct", "bot"];
  return [...rows.values()].sort(
    (a, b) => order.indexOf(a.source) - order.indexOf(b.source) || (a.host === "" ? 1 : 0) - (b.host === "" ? 1 : 0) || b.views - a.views,
  );
}

export type FunnelDay = { day: string; gateViews: number; joins: number };

/** Gate views and readers who joined per UTC day, oldest first, zeros too. */
export async function gateViewsAndJoinsPerDay(days = 30, now = new Date()): Promise<FunnelDay[]> {
  const all = windowDays(now, days);
  const found = await db.execute(sql`
    SELECT day, coalesce(sum(gate_views), 0)::int AS gate_views, coalesce(sum(joins), 0)::int AS joins
    FROM article_traffic WHERE day >= ${all[0]} GROUP BY day`);
  const byDay = new Map(rowsOf<{ day: string; gate_views: number; joins: number }>(found).map((r) => [r.day, r]));
  return all.map((day) => ({ day, gateViews: byDay.get(day)?.gate_views ?? 0, joins: byDay.get(day)?.joins ?? 0 }));
}

export type IssueVisits = { articleId: number; views: number; gateViews: number; joins: number };

/** Visits from one newsletter issue's links (ref=newsletter&issue=<id>), per article, ever. */
export async function issueVisits(issueId: number): Promise<Map<number, IssueVisits>> {
  const found = await db.execute(sql`
    SELECT article_id, coalesce(sum(anonymous_views + member_views), 0)::int AS views, coalesce(sum(gate_views), 0)::int AS gate_views,
      coalesce(sum(joins), 0)::int AS joins
    FROM article_traffic WHERE source = 'newsletter' AND issue_id = ${issueId}::int GROUP BY article_id`);
  return new Map(
    rowsOf<{ article_id: number; views: number; gate_views: number; joins: number }>(found).map((r) => [
      r.article_id,
      { articleId: r.article_id, views: r.views, gateViews: r.gate_views, joins: r.joins },
    ]),
  );
}

export type NewsletterRow = {
  id: number;
  name: string;
  archived: boolean;
  /** Confirmed subscribers now. */
  subscribers: number;
  /** Subscriptions confirmed, and left, in the window. */
  confirmed: number;
  left: number;
  /** Issues whose sending started in the window, and their copies the mail server accepted. */
  issues: number;
  delivered: number;
  /** Visits and joins from those issues' links (ref=newsletter&issue=<id>), counted like any view. */
  visits: number;
  joins: number;
};

/**
 * Each newsletter over the window: its subscribers, who confirmed and who left, the issues
 * sent and their copies, and the visits and joins their links brought. Archived
 * newsletters appear while they had anything in the window.
 */
export async function newsletterTable(days: number, now = new Date()): Promise<NewsletterRow[]> {
  const since = windowStart(now, days);
  const found = await db.execute(sql`
    WITH sent AS (
      SELECT id, newsletter_id FROM newsletter_issue WHERE send_started_at >= ${since.toISOString()}::timestamptz
    ), visits AS (
      SELECT s.newsletter_id, coalesce(sum(t.anonymous_views + t.member_views), 0)::int AS visits, coalesce(sum(t.joins), 0)::int AS joins
      FROM article_traffic t JOIN newsletter_issue s ON s.id = t.issue_id
      WHERE t.source = 'newsletter' AND t.day >= ${firstDay(days, now)} GROUP BY s.newsletter_id
    )
    SELECT n.id, n.name, n.archived_at IS NOT NULL AS archived,
      (SELECT count(*) FROM subscription s WHERE s.newsletter_id = n.id AND s.status = 'active')::int AS subscribers,
      (SELECT count(*) FROM subscription s WHERE s.newsletter_id = n.id AND s.confirmed_at >= ${since.toISOString()}::timestamptz)::int AS confirmed,
      (SELECT count(*) FROM subscription s WHERE s.newsletter_id = n.id AND s.status = 'unsubscribed'
         AND s.unsubscribed_at >= ${since.toISOString()}::timestamptz)::int AS "left",
      (SELECT count(*) FROM sent WHERE sent.newsletter_id = n.id)::int AS issues,
      (SELECT count(*) FROM newsletter_delivery d JOIN sent ON sent.id = d.issue_id WHERE sent.newsletter_id = n.id AND d.status = 'sent')::int AS delivered,
      coalesce(v.visits, 0) AS visits, coalesce(v.joins, 0) AS joins
    FROM newsletter n LEFT JOIN visits v ON v.newsletter_id = n.id
    ORDER BY n.archived_at IS NOT NULL, n.id`);
  return rowsOf<NewsletterRow>(found).filter((r) => !r.archived || r.issues > 0 || r.visits > 0 || r.confirmed > 0 || r.left > 0);
}
