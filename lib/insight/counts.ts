import "server-only";
import { metrics } from "@/lib/metrics/registry";
import { isbot } from "isbot";
import { sql } from "drizzle-orm";
import { articleFacts, knownArticleFacts } from "@/lib/articles/facts";
import { boundedMemo } from "@/lib/bounded-memo";
import { db, type Executor } from "@/lib/db/client";
import { dayKey } from "./days";
import { rowsOf } from "@/lib/db/rows";
import { env } from "@/lib/config/env";
import { countForVariant, flushExperimentCounts } from "@/lib/experiments/counts";
import { NAMED_SOURCES_PER_ARTICLE_DAY } from "./limits";
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

type State = { pending: Map<string, Counts>; hosts: Set<string>; timer: NodeJS.Timeout | null; variants?: Map<string, number> };
const g = globalThis as { __ledeTraffic?: State };
const state: State = (g.__ledeTraffic ??= { pending: new Map(), hosts: new Set(), timer: null });
// Visits from a two-subject issue's links, by "<issue>|<subject>" (the link's v=a or v=b).
state.variants ??= new Map();

const today = () => dayKey(new Date());

/** The render the front server chose for the request (lib/render/choose.ts), and what the meter did. */
export type View = {
  slug: string;
  render: string;
  /** The address asked for, as the reader sent it (its `ref`). */
  url: string;
  referer: string | undefined;
  userAgent: string | undefined;
  /** The meter gave a free read ("last": the reader's last one). */
  freeRead?: "free" | "last";
  /** Where the reader came from when Lede knows it better than the address (a gift link, lib/gifts). */
  referral?: Referral;
  /** The reader's variant of the running wall experiment, when the front server chose one (lib/experiments). */
  variant?: { experimentId: number; variant: number };
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
  const r: Referral = bot ? DIRECT : (view.referral ?? referralOf({ url: view.url, referer: view.referer, siteHost }));
  const key = keyOf(article.id, bot ? "bot" : r.source, r);
  const member = view.render === "member";
  add(key, column(member ? "member_views" : "anonymous_views"));
  if (bot) return;
  if (r.source === "newsletter" && r.issueId) {
    const v = /[?&]v=([ab])(?:&|#|$)/.exec(view.url)?.[1];
    const key2 = `${r.issueId}|${v}`;
    if (v && (state.variants!.has(key2) || state.variants!.size < MAX_HOSTS_PER_BATCH)) state.variants!.set(key2, (state.variants!.get(key2) ?? 0) + 1);
  }
  // The meter's wall, in a wall experiment's variant's words too ("spent-<v>").
  const spent = view.render === "spent" || view.render.startsWith("spent-");
  if (spent) add(key, column("spent_gates"));
  if (view.render.startsWith("metered-")) add(key, column("metered_reads"));
  // The lede and gate (or the meter's wall); a gift's reader ("gift") reads it all.
  else if (!member && article.premium && view.render !== "gift") {
    add(key, column("gate_views"));
    metrics().gateViews.inc({ render: spent ? "spent" : "anonymous" });
    if (view.variant) countForVariant(view.variant.experimentId, view.variant.variant, "gate_views");
  }
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

export { NAMED_SOURCES_PER_ARTICLE_DAY };

type Key = { day: string; articleId: number; source: string; host: string; issueId: number };
const parseKey = (key: string): Key => {
  const [day, id, source, host, issue] = key.split("|");
  return { day, articleId: Number(id), source, host, issueId: Number(issue) };
};
const keyString = (k: Key) => `${k.day}|${k.articleId}|${k.source}|${k.host}|${k.issueId}`;
const isNamed = (k: Key) => k.host !== "" || k.issueId !== 0;

/**
 * The batch with the names an article may not take today made unnamed: the article's
 * named rows already saved for the day, then this batch's names by views, up to
 * NAMED_SOURCES_PER_ARTICLE_DAY.
 */
async function withinNamedCap(tx: Executor, batch: Map<string, Counts>): Promise<Map<string, Counts>> {
  const named = [...batch].map(([key, c]) => ({ key: parseKey(key), c })).filter((e) => isNamed(e.key));
  if (named.length === 0) return batch;
  const pairs = [...new Set(named.map((e) => `${e.key.day}|${e.key.articleId}`))].sort();
  // One flush at a time per article (every process's): the count below stays true until this commits.
  for (const articleId of [...new Set(named.map((e) => e.key.articleId))].sort((a, b) => a - b)) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('lede:article_traffic:named'), ${articleId}::int)`);
  }
  const saved = rowsOf<{ day: string; article_id: number; source: string; host: string; issue_id: number }>(
    await tx.execute(sql`
      SELECT day, article_id, source, host, issue_id FROM article_traffic
      WHERE (day, article_id) IN (${sql.join(
        pairs.map((p) => sql`(${p.split("|")[0]}::text, ${Number(p.split("|")[1])}::int)`),
        sql`, `,
      )}) AND (host <> '' OR issue_id <> 0)`),
  );
  const present = new Set(saved.map((r) => keyString({ day: r.day, articleId: r.article_id, source: r.source, host: r.host, issueId: r.issue_id })));
  const taken = new Map<string, number>();
  for (const r of saved) taken.set(`${r.day}|${r.article_id}`, (taken.get(`${r.day}|${r.article_id}`) ?? 0) + 1);
  const out = new Map(batch);
  const views = (c: Counts) => c[column("anonymous_views")] + c[column("member_views")];
  for (const { key, c } of named.sort((a, b) => views(b.c) - views(a.c))) {
    const k = keyString(key);
    if (present.has(k)) continue;
    const pair = `${key.day}|${key.articleId}`;
    const n = taken.get(pair) ?? 0;
    if (n < NAMED_SOURCES_PER_ARTICLE_DAY) {
      taken.set(pair, n + 1);
      continue;
    }
    out.delete(k);
    const unnamed = keyString({ ...key, host: "", issueId: 0 });
    const p = out.get(unnamed);
    out.set(unnamed, p ? p.map((v, i) => v + c[i]) : c);
  }
  return out;
}

/** Adds what was counted here to article_traffic (one transaction), and starts afresh. */
export async function flushTraffic(): Promise<void> {
  if (state.timer) clearTimeout(state.timer);
  state.timer = null;
  await flushVariants();
  if (state.pending.size === 0) return;
  const batch = state.pending;
  state.pending = new Map<string, Counts>();
  state.hosts = new Set<string>();
  const columns = sql.raw(COLUMNS.join(", "));
  const sums = sql.raw(COLUMNS.map((c) => `${c} = article_traffic.${c} + excluded.${c}`).join(", "));
  try {
    await db.transaction(async (tx) => {
      const rows = await withinNamedCap(tx, batch);
      const values = [...rows].map(([key, c]) => {
        const k = parseKey(key);
        return sql`(${k.day}::text, ${k.articleId}::int, ${k.source}::text, ${k.host}::text, ${k.issueId}::int, ${sql.join(
          c.map((n) => sql`${n}::int`),
          sql`, `,
        )})`;
      });
      await tx.execute(sql`
        INSERT INTO article_traffic (day, article_id, source, host, issue_id, ${columns})
        SELECT v.* FROM (VALUES ${sql.join(values, sql`, `)}) AS v(day, article_id, source, host, issue_id, ${columns})
        JOIN article a ON a.id = v.article_id
        ON CONFLICT (day, article_id, source, host, issue_id) DO UPDATE SET ${sums}`);
    });
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

/** Adds the two-subject visits counted here to newsletter_issue_visit (issues that have a second subject only). */
async function flushVariants(): Promise<void> {
  const batch = state.variants!;
  if (batch.size === 0) return;
  state.variants = new Map();
  const values = [...batch].map(([key, n]) => {
    const [issue, v] = key.split("|");
    return sql`(${Number(issue)}::int, ${v}::text, ${n}::int)`;
  });
  try {
    await db.execute(sql`
      INSERT INTO newsletter_issue_visit (issue_id, variant, visits)
      SELECT v.* FROM (VALUES ${sql.join(values, sql`, `)}) AS v(issue_id, variant, visits)
      JOIN newsletter_issue i ON i.id = v.issue_id AND i.subject_b IS NOT NULL
      ON CONFLICT (issue_id, variant) DO UPDATE SET visits = newsletter_issue_visit.visits + excluded.visits`);
  } catch (err) {
    for (const [key, n] of batch) state.variants!.set(key, (state.variants!.get(key) ?? 0) + n);
    console.error(`[insight] subject-test visits not saved yet: ${(err as Error).message}`);
  }
}

/** Everything counted in memory here and by the wall experiments, saved (the front server calls it at shutdown). */
export function flushCounts(): Promise<void> {
  return Promise.all([flushTraffic(), flushExperimentCounts()]).then(() => undefined);
}

/** Other sites kept by name per day once the day is over; the rest are summed unnamed. */
export const HOSTS_KEPT_PER_DAY = 20;

/** Rows one fold statement removes at most, and statements per run (the next hour goes on). */
export const FOLD_BATCH = 1000;
const FOLD_MAX_BATCHES = 100;

/**
 * Hourly (lib/jobs/cleanup.ts): on days that are over, the other sites beyond the day's
 * top HOSTS_KEPT_PER_DAY (by views), and newsletter links naming no issue that exists,
 * are folded into one unnamed row per article, so made-up referrers cannot grow the
 * table. In statements of at most FOLD_BATCH rows, so a backlog never holds a long
 * lock. Returns how many rows were folded.
 */
export async function foldRareHosts(now = new Date()): Promise<number> {
  let total = 0;
  for (let i = 0; i < FOLD_MAX_BATCHES; i++) {
    const n = await foldBatch(now);
    total += n;
    if (n < FOLD_BATCH) break;
  }
  return total;
}

async function foldBatch(now: Date): Promise<number> {
  const columns = sql.raw(COLUMNS.join(", "));
  const sums = sql.raw(COLUMNS.map((c) => `sum(${c})`).join(", "));
  const add = sql.raw(COLUMNS.map((c) => `${c} = article_traffic.${c} + excluded.${c}`).join(", "));
  const [{ n }] = rowsOf<{ n: number }>(
    await db.execute(sql`
      WITH ranked AS (
        SELECT day, host, rank() OVER (PARTITION BY day ORDER BY sum(anonymous_views + member_views) DESC, host) AS r
        FROM article_traffic WHERE source = 'other' AND host <> '' AND day < ${dayKey(now)}
        GROUP BY day, host
      ), victims AS (
        SELECT t.ctid AS id FROM article_traffic t JOIN ranked
          ON t.source = 'other' AND t.day = ranked.day AND t.host = ranked.host AND ranked.r > ${HOSTS_KEPT_PER_DAY}
        UNION ALL
        SELECT t.ctid FROM article_traffic t
        WHERE t.source = 'newsletter' AND t.issue_id <> 0 AND t.day < ${dayKey(now)}
          AND NOT EXISTS (SELECT 1 FROM newsletter_issue i WHERE i.id = t.issue_id)
        LIMIT ${FOLD_BATCH}
      ), gone AS (
        DELETE FROM article_traffic t WHERE t.ctid IN (SELECT id FROM victims)
        RETURNING t.*
      ), folded AS (
        INSERT INTO article_traffic (day, article_id, source, host, issue_id, ${columns})
        SELECT day, article_id, source, '', 0, ${sums} FROM gone
        GROUP BY day, article_id, source
        ON CONFLICT (day, article_id, source, host, issue_id) DO UPDATE SET ${add}
      )
      SELECT (SELECT count(*) FROM gone)::int AS n`),
  );
  return n;
}
