import "server-only";
import { isbot } from "isbot";
import { sql } from "drizzle-orm";
import { articleFacts, knownArticleFacts } from "@/lib/articles/facts";
import { boundedMemo } from "@/lib/bounded-memo";
import { db } from "@/lib/db/client";
import { dayKey } from "@/lib/desk/insight";
import { rowsOf } from "@/lib/db/rows";
import { env } from "@/lib/config/env";
import { referralOf, siteHostOf, type Referral } from "./source";

// What readers did on each article — views, and the joins, confirmations and newsletter
// opt-ins they led to — counted in this process's memory and added to article_traffic in
// one statement every few seconds and when the process stops: a page view costs no query,
// no two requests wait on one counter row, and processes add up. A crash loses the last
// few seconds.

const FLUSH_MS = 5_000;
/** Other sites and newsletter issues named in one batch; past these, the rest count unnamed. */
const MAX_HOSTS_PER_BATCH = 100;

const COLUMNS = [
  "anonymous_views",
  "member_views",
  "gate_views",
  "metered_reads",
  "spent_gates",
  "free_reads",
  "ran_out",
  "joins",
  "confirmations",
  "newsletter_opt_ins",
] as const;
const column = (name: (typeof COLUMNS)[number]) => COLUMNS.indexOf(name);
type Counts = number[]; // in COLUMNS order

type State = { pending: Map<string, Counts>; hosts: Set<string>; timer: NodeJS.Timeout | null };
const g = globalThis as { __ledeTraffic?: State };
const state: State = (g.__ledeTraffic ??= { pending: new Map(), hosts: new Set(), timer: null });

const today = () => dayKey(new Date());

/** The render server.js chose for the request (lib/render/routes.js), and what the meter did. */
export type View = {
  slug: string;
  render: string;
  /** The address asked for, as the reader sent it (its `ref`). */
  url: string;
  referer: string | undefined;
  userAgent: string | undefined;
  /** The meter gave a free read ("last": the reader's last one). */
  freeRead?: "free" | "last";
};

let siteHost: string | undefined;

function add(key: string, column: number, n = 1) {
  let c = state.pending.get(key);
  if (!c) state.pending.set(key, (c = COLUMNS.map(() => 0)));
  c[column] += n;
}

/**
 * Counts one page view of an article (a page load or navigation, not a prefetch), once
 * the article is known (at once when this process knows it, as after its first view);
 * never fails.
 */
export function countView(view: View): void | Promise<void> {
  if (!env.countViews) return;
  const known = knownArticleFacts(view.slug);
  if (known) return void (known.value && record(known.value, view));
  return articleFacts(view.slug).then(
    (article) => void (article && record(article, view)),
    () => undefined, // not named now: not counted
  );
}

/** Browsers say who they are in a few thousand spellings, the same on every request. */
const isBotAgent = boundedMemo(isbot, { max: 1_000, maxLength: 512 });

/** The counter row's key for an article, a day and a source (past MAX_HOSTS_PER_BATCH names, unnamed). */
function keyOf(articleId: number, source: Referral["source"] | "bot", r: Referral): string {
  // Hosts and issue numbers come from the request: a client can make up any number.
  const named = r.host || (r.issueId ? `#${r.issueId}` : "");
  if (named && !state.hosts.has(named)) {
    if (state.hosts.size >= MAX_HOSTS_PER_BATCH) r = { ...r, host: "", issueId: 0 };
    else state.hosts.add(named);
  }
  state.timer ??= setTimeout(() => void flushTraffic(), FLUSH_MS).unref();
  return `${today()}|${articleId}|${source}|${r.host}|${r.issueId}`;
}

function record(article: { id: number; premium: boolean }, view: View) {
  siteHost ??= siteHostOf(env.siteUrl);
  // Browsers always say who they are: a request that does not is a script.
  const bot = !view.userAgent || isBotAgent(view.userAgent);
  const r: Referral = bot ? DIRECT : referralOf({ url: view.url, referer: view.referer, siteHost });
  const key = keyOf(article.id, bot ? "bot" : r.source, r);
  const member = view.render === "member";
  add(key, column(member ? "member_views" : "anonymous_views"));
  if (bot) return;
  if (view.render === "spent") add(key, column("spent_gates"));
  if (view.render.startsWith("metered-")) add(key, column("metered_reads"));
  else if (!member && article.premium) add(key, column("gate_views")); // the lede and gate (or the meter's wall)
  if (view.freeRead) add(key, column("free_reads"));
  if (view.freeRead === "last") add(key, column("ran_out"));
}

const DIRECT: Referral = { source: "direct", host: "", issueId: 0 };

/**
 * Counts what a join or a first sign-in did for an article's funnel (lib/auth calls it
 * once its statement committed): a reader's first join from the article, or the
 * confirmation of an account that joined from it, and its newsletter opt-in.
 */
export function countFunnel(articleId: number, referral: Referral | null, n: { joins?: number; confirmations?: number; newsletterOptIns?: number }): void {
  const r = referral ?? DIRECT;
  const key = keyOf(articleId, r.source, r);
  if (n.joins) add(key, column("joins"), n.joins);
  if (n.confirmations) add(key, column("confirmations"), n.confirmations);
  if (n.newsletterOptIns) add(key, column("newsletter_opt_ins"), n.newsletterOptIns);
}

/** Adds what was counted here to article_traffic (one statement), and starts afresh. */
export async function flushTraffic(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  if (state.pending.size === 0) return;
  const batch = state.pending;
  state.pending = new Map<string, Counts>();
  state.hosts = new Set<string>();
  const values = [...batch].map(([key, c]) => {
    const [day, id, source, host, issue] = key.split("|");
    return sql`(${day}::text, ${Number(id)}::int, ${source}::text, ${host}::text, ${Number(issue)}::int, ${sql.join(
      c.map((n) => sql`${n}::int`),
      sql`, `,
    )})`;
  });
  const columns = sql.raw(COLUMNS.join(", "));
  const sums = sql.raw(COLUMNS.map((c) => `${c} = article_traffic.${c} + excluded.${c}`).join(", "));
  try {
    await db.execute(sql`
      INSERT INTO article_traffic (day, article_id, source, host, issue_id, ${columns})
      SELECT v.* FROM (VALUES ${sql.join(values, sql`, `)}) AS v(day, article_id, source, host, issue_id, ${columns})
      JOIN article a ON a.id = v.article_id
      ON CONFLICT (day, article_id, source, host, issue_id) DO UPDATE SET ${sums}`);
  } catch (err) {
    // Kept for the next flush rather than lost to a passing database hiccup.
    for (const [key, c] of batch) {
      const p = state.pending.get(key);
      state.pending.set(key, p ? p.map((n, i) => n + c[i]) : c);
    }
    state.timer ??= setTimeout(() => void flushTraffic(), FLUSH_MS).unref();
    console.error(`[insight] counts not saved yet: ${(err as Error).message}`);
  }
}

/** Other sites kept by name per day once the day is over; the rest are summed unnamed. */
export const HOSTS_KEPT_PER_DAY = 20;

/**
 * Hourly (lib/jobs/cleanup.ts): on days that are over, the other sites beyond the day's
 * top HOSTS_KEPT_PER_DAY (by views), and newsletter links naming no issue that exists,
 * are folded into one unnamed row per article, so made-up referrers cannot grow the
 * table. Returns how many rows were folded.
 */
export async function foldRareHosts(now = new Date()): Promise<number> {
  const columns = sql.raw(COLUMNS.join(", "));
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c})`).join(", "));
  const add = sql.raw(COLUMNS.map((c) => `${c} = article_traffic.${c} + excluded.${c}`).join(", "));
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`
      WITH ranked AS (
        SELECT day, host, rank() OVER (PARTITION BY day ORDER BY sum(anonymous_views + member_views) DESC, host) AS r
        FROM article_traffic WHERE source = 'other' AND host <> '' AND day < ${dayKey(now)}
        GROUP BY day, host
      ), gone AS (
        DELETE FROM article_traffic t USING ranked
        WHERE t.source = 'other' AND t.day = ranked.day AND t.host = ranked.host AND ranked.r > ${HOSTS_KEPT_PER_DAY}
        RETURNING t.*
      ), unknown_issues AS (
        DELETE FROM article_traffic t
        WHERE t.source = 'newsletter' AND t.issue_id <> 0 AND t.day < ${dayKey(now)}
          AND NOT EXISTS (SELECT 1 FROM newsletter_issue i WHERE i.id = t.issue_id)
        RETURNING t.*
      ), folded AS (
        INSERT INTO article_traffic (day, article_id, source, host, issue_id, ${columns})
        SELECT day, article_id, source, '', 0, ${sums} FROM (SELECT * FROM gone UNION ALL SELECT * FROM unknown_issues) f
        GROUP BY day, article_id, source
        ON CONFLICT (day, article_id, source, host, issue_id) DO UPDATE SET ${add}
      )
      SELECT ((SELECT count(*) FROM gone) + (SELECT count(*) FROM unknown_issues))::int AS n`),
  );
  return n;
}
