import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { windowStart } from "@/lib/desk/insight";
import type { Source } from "./source";

// The funnel the desk shows, over a window of UTC days (today included): views, gate
// views and the meter from article_traffic (lib/insight/counts.ts; bots apart), and the
// readers who joined from an article in the window, of them those who confirmed (signed
// in from the mail: confirmed members) and those whose newsletter opt-in is confirmed.

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

const dayKey = (d: Date) => d.toISOString().slice(0, 10);

type Window = { days: number; now?: Date };
const since = ({ days, now = new Date() }: Window) => windowStart(now, days);

const trafficColumns = sql`
  coalesce(sum(anonymous_views + member_views) filter (where source <> 'bot'), 0)::int AS views,
  coalesce(sum(member_views) filter (where source <> 'bot'), 0)::int AS member_views,
  coalesce(sum(gate_views), 0)::int AS gate_views,
  coalesce(sum(metered_reads), 0)::int AS metered_reads,
  coalesce(sum(spent_gates), 0)::int AS spent_gates,
  coalesce(sum(anonymous_views + member_views) filter (where source = 'bot'), 0)::int AS bot_views`;

// One reader joining twice from an article counts once; confirmed members as on the members page.
const joinColumns = sql`
  count(distinct j.user_id)::int AS joins,
  count(distinct j.user_id) filter (where u."emailVerified" IS NOT NULL OR u.imported_at IS NOT NULL OR u.role = 'editor')::int AS confirmed,
  count(distinct j.user_id) filter (where j.newsletter_consent AND s.confirmed_at IS NOT NULL)::int AS subscribed`;

const joinsFrom = sql`"join" j JOIN "user" u ON u.id = j.user_id LEFT JOIN subscription s ON s.user_id = j.user_id`;

type TrafficRow = { views: number; member_views: number; gate_views: number; metered_reads: number; spent_gates: number; bot_views: number };
type JoinRow = { joins: number; confirmed: number; subscribed: number };

function funnelOf(t: TrafficRow | undefined, j: JoinRow | undefined): Funnel {
  return {
    views: t?.views ?? 0,
    memberViews: t?.member_views ?? 0,
    gateViews: t?.gate_views ?? 0,
    meteredReads: t?.metered_reads ?? 0,
    spentGates: t?.spent_gates ?? 0,
    botViews: t?.bot_views ?? 0,
    joins: j?.joins ?? 0,
    confirmed: j?.confirmed ?? 0,
    subscribed: j?.subscribed ?? 0,
  };
}

async function funnel(window: Window, articleId: number | null): Promise<Funnel> {
  const start = since(window);
  const article = (column: SQL) => (articleId === null ? sql`${column} IS NOT NULL` : sql`${column} = ${articleId}::int`);
  const [t] = rowsOf<TrafficRow>(
    await db.execute(sql`SELECT ${trafficColumns} FROM article_traffic WHERE day >= ${dayKey(start)} AND ${article(sql`article_id`)}`),
  );
  const [j] = rowsOf<JoinRow>(
    await db.execute(sql`SELECT ${joinColumns} FROM ${joinsFrom} WHERE j.created_at >= ${start} AND ${article(sql`j.article_id`)}`),
  );
  return funnelOf(t, j);
}

/** The whole site's funnel over the last `days` UTC days. */
export function siteFunnel(days: number, now?: Date): Promise<Funnel> {
  return funnel({ days, now }, null);
}

/** One article's funnel over the last `days` UTC days. */
export function articleFunnel(articleId: number, days: number, now?: Date): Promise<Funnel> {
  return funnel({ days, now }, articleId);
}

/** Joins per gate view: the share of readers who met the gate and joined (null without gate views). */
export const conversion = (f: Pick<Funnel, "joins" | "gateViews">) => (f.gateViews > 0 ? f.joins / f.gateViews : null);

export type ArticleFunnel = Funnel & { id: number; slug: string; title: string; status: "published" | "draft"; conversion: number | null };
export const ARTICLE_SORTS = ["gate-views", "joins", "conversion"] as const;
export type ArticleSort = (typeof ARTICLE_SORTS)[number];

/** Every article with a view or a join in the window, most gate views (or joins, or conversion) first. */
export async function articleFunnels(days: number, sort: ArticleSort = "gate-views", now?: Date): Promise<ArticleFunnel[]> {
  const start = since({ days, now });
  const [traffic, joined, names] = await Promise.all([
    db.execute(sql`SELECT article_id, ${trafficColumns} FROM article_traffic WHERE day >= ${dayKey(start)} GROUP BY article_id`),
    db.execute(sql`SELECT j.article_id, ${joinColumns} FROM ${joinsFrom} WHERE j.created_at >= ${start} AND j.article_id IS NOT NULL GROUP BY j.article_id`),
    db.execute(sql`SELECT id, slug, title, status FROM article`),
  ]);
  const t = new Map(rowsOf<TrafficRow & { article_id: number }>(traffic).map((r) => [r.article_id, r]));
  const j = new Map(rowsOf<JoinRow & { article_id: number }>(joined).map((r) => [r.article_id, r]));
  const rows = rowsOf<{ id: number; slug: string; title: string; status: "published" | "draft" }>(names)
    .filter((a) => t.has(a.id) || j.has(a.id))
    .map((a) => {
      const f = funnelOf(t.get(a.id), j.get(a.id));
      return { ...a, ...f, conversion: conversion(f) };
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
  const start = since({ days, now });
  const [traffic, joined] = await Promise.all([
    db.execute(sql`
      SELECT source, host, coalesce(sum(anonymous_views + member_views), 0)::int AS views, coalesce(sum(gate_views), 0)::int AS gate_views
      FROM article_traffic WHERE day >= ${dayKey(start)} GROUP BY source, host`),
    db.execute(sql`
      SELECT coalesce(j.referral_source, 'direct') AS source, coalesce(j.referral_host, '') AS host, ${joinColumns}
      FROM ${joinsFrom} WHERE j.created_at >= ${start} AND j.article_id IS NOT NULL GROUP BY 1, 2`),
  ]);
  const rows = new Map<string, SourceRow>();
  const row = (source: SourceRow["source"], host: string) => {
    const k = `${source}|${host}`;
    let r = rows.get(k);
    if (!r) rows.set(k, (r = { source, host, views: 0, gateViews: 0, joins: 0, confirmed: 0 }));
    return r;
  };
  for (const t of rowsOf<{ source: SourceRow["source"]; host: string; views: number; gate_views: number }>(traffic)) {
    const r = row(t.source, t.host);
    r.views += t.views;
    r.gateViews += t.gate_views;
  }
  for (const j of rowsOf<{ source: Source; host: string } & JoinRow>(joined)) {
    const r = row(j.source, j.host);
    r.joins += j.joins;
    r.confirmed += j.confirmed;
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
  const start = windowStart(now, days);
  const [views, joined] = await Promise.all([
    db.execute(sql`SELECT day, coalesce(sum(gate_views), 0)::int AS n FROM article_traffic WHERE day >= ${dayKey(start)} GROUP BY day`),
    db.execute(sql`
      SELECT to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, count(distinct (user_id, article_id))::int AS n
      FROM "join" WHERE created_at >= ${start} AND article_id IS NOT NULL GROUP BY 1`),
  ]);
  const v = new Map(rowsOf<{ day: string; n: number }>(views).map((r) => [r.day, r.n]));
  const j = new Map(rowsOf<{ day: string; n: number }>(joined).map((r) => [r.day, r.n]));
  return Array.from({ length: days }, (_, i) => {
    const day = dayKey(new Date(start.getTime() + i * 86_400_000));
    return { day, gateViews: v.get(day) ?? 0, joins: j.get(day) ?? 0 };
  });
}

export type IssueVisits = { articleId: number; views: number; gateViews: number; joins: number };

/** Visits from one newsletter issue's links (ref=newsletter&issue=<id>), per article, ever. */
export async function issueVisits(issueId: number): Promise<Map<number, IssueVisits>> {
  const [views, joined] = await Promise.all([
    db.execute(sql`
      SELECT article_id, coalesce(sum(anonymous_views + member_views), 0)::int AS views, coalesce(sum(gate_views), 0)::int AS gate_views
      FROM article_traffic WHERE source = 'newsletter' AND issue_id = ${issueId}::int GROUP BY article_id`),
    db.execute(sql`
      SELECT article_id, count(distinct user_id)::int AS joins FROM "join"
      WHERE referral_source = 'newsletter' AND referral_issue_id = ${issueId}::int AND article_id IS NOT NULL GROUP BY article_id`),
  ]);
  const out = new Map<number, IssueVisits>();
  for (const r of rowsOf<{ article_id: number; views: number; gate_views: number }>(views)) {
    out.set(r.article_id, { articleId: r.article_id, views: r.views, gateViews: r.gate_views, joins: 0 });
  }
  for (const r of rowsOf<{ article_id: number; joins: number }>(joined)) {
    const v = out.get(r.article_id) ?? { articleId: r.article_id, views: 0, gateViews: 0, joins: 0 };
    out.set(r.article_id, { ...v, joins: r.joins });
  }
  return out;
}
