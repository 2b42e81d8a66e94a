import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { db, runPrepared, type Executor } from "@/lib/db/client";
import { retryingRaces } from "@/lib/db/retry";
import { rowsOf } from "@/lib/db/rows";
import { deliveryFromMessageId, deliveryFromToken, deliveryFromVerp } from "./delivery-token";
import type { ProviderEvent } from "./events";
import { guardIssue } from "./guard";

/** Temporary bounces that suppress an address: this many within SOFT_BOUNCE_DAYS. */
export const SOFT_BOUNCE_LIMIT = 3;
export const SOFT_BOUNCE_DAYS = 14;

/** The delivery the event names, from the first hint that verifies (token, Message-ID, VERP). */
export function deliveryOf(hints: string[]): number | null {
  for (const h of hints) {
    const id = deliveryFromToken(h) ?? deliveryFromMessageId(h) ?? deliveryFromVerp(h);
    if (id !== null) return id;
  }
  return null;
}

/**
 * Suppresses an address for every newsletter (kept by address, so it holds with no
 * account and after one is deleted) and stops its subscriptions: "suppressed" for a
 * bounce, "unsubscribed" for a complaint (the reader said no). Used by the members import;
 * events go through recordBatch, which does the same in its one statement.
 */
export async function suppressAddress(
  tx: Executor,
  a: { email: string; userId: string | null; reason: "bounce" | "soft-bounces" | "complaint" | "import" | "smtp"; source: string; detail: string; eventId?: number | null },
): Promise<void> {
  await tx.execute(sql`
    INSERT INTO suppression (email, newsletter_id, reason, detail, source, event_id)
    VALUES (${a.email}, NULL, ${a.reason}, ${a.detail.slice(0, 500)}, ${a.source}, ${a.eventId ?? null})
    ON CONFLICT ON CONSTRAINT suppression_email_newsletter_key DO NOTHING`);
  const status = a.reason === "complaint" ? "unsubscribed" : "suppressed";
  await tx.execute(sql`
    UPDATE subscription s SET status = ${status},
      suppressed_reason = CASE WHEN ${status} = 'suppressed' THEN ${a.detail.slice(0, 500)} ELSE s.suppressed_reason END,
      unsubscribed_at = CASE WHEN ${status} = 'unsubscribed' THEN now() ELSE s.unsubscribed_at END
    FROM "user" u
    WHERE s.user_id = u.id AND u.email = ${a.email} AND s.status IN ('active', 'pending', 'suppressed') AND s.status <> ${status}`);
}

type BatchRow = { recorded: number; issues: number[] };

/** The events as the statement's one JSON parameter, once per provider event id. */
function batchJson(events: ProviderEvent[]): string {
  // A body naming an id twice acts once, as two requests would.
  const seen = new Set<string>();
  const rows: Record<string, unknown>[] = [];
  for (const e of events) {
    const key = `${e.provider}\0${e.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    rows.push({
      ord: rows.length,
      provider: e.provider,
      pid: e.id,
      kind: e.kind,
      email: e.email,
      delivery_id: deliveryOf(e.deliveryHints),
      occurred_at: e.occurredAt.toISOString(),
      detail: e.detail.slice(0, 500),
    });
  }
  return JSON.stringify(rows);
}

/**
 * One statement records a whole request's events and does everything they mean, so a
 * provider's batch of 50 costs one round trip, not 50 transactions (and a single event
 * one round trip too). The text never changes (the events travel as one JSON parameter),
 * so it is prepared once per connection. What it does, in order of its parts:
 *
 * - `input`/`resolved`: each event, and the delivery it names (by token, Message-ID or
 *   VERP, checked in Node). A named delivery decides the address, the account, the issue
 *   and its newsletter, whatever address the event gives; the event's address is used only
 *   when no delivery of Lede's is named.
 * - `ins`: the events, once each: `ON CONFLICT (provider, provider_event_id) DO NOTHING`
 *   is the replay protection; only rows inserted here act. The action is decided per row:
 *   a permanent bounce suppresses; a temporary one is counted and suppresses when it is the
 *   SOFT_BOUNCE_LIMIT-th within SOFT_BOUNCE_DAYS (those already recorded plus this batch's
 *   earlier ones); a complaint and a provider unsubscribe unsubscribe.
 * - `sup`: the address suppressed for every newsletter (bounces, complaints).
 * - `targets`/`upd`: one UPDATE per subscription (a statement may change a row once):
 *   a complaint leaves every newsletter, a provider unsubscribe leaves the newsletter of the
 *   issue it came from (every newsletter when the event names no delivery of Lede's), a
 *   suppressing bounce marks every still-mailed subscription suppressed. Leaving wins.
 * - `cons`: a withdrawal in the proof of consent for each subscription left.
 * It answers how many events were new and which sending issues a bounce or complaint
 * touched (the send guard looks at those).
 */
function batchQuery(events: ProviderEvent[]): SQL {
  const json = batchJson(events);
  return sql`
WITH input AS (
  SELECT * FROM jsonb_to_recordset(${json}::jsonb) AS x(ord int, provider text, pid text, kind text, email text, delivery_id bigint, occurred_at timestamptz, detail text)
), resolved AS (
  SELECT i.ord, i.provider, i.pid, i.kind, i.occurred_at, left(i.detail, 500) AS detail,
    CASE WHEN d.id IS NOT NULL THEN lower(d.email) ELSE i.email END AS email,
    d.id AS delivery_id, d.issue_id, ni.newsletter_id, ni.status AS issue_status,
    CASE WHEN d.id IS NOT NULL THEN d.user_id ELSE (SELECT u.id FROM "user" u WHERE u.email = i.email LIMIT 1) END AS user_id,
    NOT EXISTS (SELECT 1 FROM mail_event m WHERE m.provider = i.provider AND m.provider_event_id = i.pid) AS fresh
  FROM input i
  LEFT JOIN newsletter_delivery d ON d.id = i.delivery_id
  LEFT JOIN newsletter_issue ni ON ni.id = d.issue_id
), decided AS (
  SELECT r.*,
    CASE WHEN r.kind = 'soft-bounce' AND r.email IS NOT NULL AND r.occurred_at >= now() - make_interval(days => ${SOFT_BOUNCE_DAYS}::int) THEN
      (SELECT count(*) FROM mail_event m WHERE m.email = r.email AND m.kind = 'soft-bounce' AND m.occurred_at >= now() - make_interval(days => ${SOFT_BOUNCE_DAYS}::int))
      + (SELECT count(*) FROM resolved b WHERE b.fresh AND b.email = r.email AND b.kind = 'soft-bounce' AND b.ord <= r.ord AND b.occurred_at >= now() - make_interval(days => ${SOFT_BOUNCE_DAYS}::int))
    ELSE 0 END AS soft_n
  FROM resolved r
), acted AS (
  SELECT d.*,
    CASE WHEN d.email IS NULL THEN 'none'
      WHEN d.kind = 'bounce' THEN 'suppressed'
      WHEN d.kind = 'soft-bounce' THEN CASE WHEN d.soft_n >= ${SOFT_BOUNCE_LIMIT}::int THEN 'suppressed' ELSE 'counted' END
      ELSE 'unsubscribed' END AS action
  FROM decided d
), ins AS (
  INSERT INTO mail_event (provider, provider_event_id, kind, email, delivery_id, issue_id, user_id, occurred_at, detail, action)
  SELECT provider, pid, kind, email, delivery_id, issue_id, user_id, occurred_at, detail, action FROM acted ORDER BY ord
  ON CONFLICT (provider, provider_event_id) DO NOTHING
  RETURNING id, provider, provider_event_id
), done AS (
  SELECT a.*, ins.id FROM ins JOIN acted a ON a.provider = ins.provider AND a.pid = ins.provider_event_id
), sup AS (
  INSERT INTO suppression (email, newsletter_id, reason, detail, source, event_id)
  SELECT DISTINCT ON (email) email, NULL::int,
    CASE WHEN kind = 'complaint' THEN 'complaint' WHEN kind = 'soft-bounce' THEN 'soft-bounces' WHEN provider = 'smtp' THEN 'smtp' ELSE 'bounce' END,
    left(CASE WHEN kind = 'soft-bounce' THEN soft_n || ' temporary bounces in ' || ${SOFT_BOUNCE_DAYS}::int || ' days; last: ' || detail ELSE detail END, 500),
    provider, id
  FROM done WHERE email IS NOT NULL AND (action = 'suppressed' OR kind = 'complaint')
  ORDER BY email, (kind = 'complaint') DESC, ord
  ON CONFLICT ON CONSTRAINT suppression_email_newsletter_key DO NOTHING
), targets AS (
  SELECT s.user_id, s.newsletter_id,
    bool_or(t.kind IN ('complaint', 'unsubscribe')) AS leaves,
    (array_agg(t.provider || CASE WHEN t.kind = 'complaint' THEN ' complaint' ELSE ' unsubscribe' END ORDER BY (t.kind = 'complaint') DESC, t.ord)
      FILTER (WHERE t.kind IN ('complaint', 'unsubscribe')))[1] AS why,
    (array_agg(t.detail ORDER BY (t.kind = 'complaint') DESC, t.ord))[1] AS detail
  FROM done t
  JOIN "user" u ON u.email = t.email
  JOIN subscription s ON s.user_id = u.id
  WHERE t.action IN ('suppressed', 'unsubscribed')
    AND (t.kind <> 'unsubscribe' OR t.newsletter_id IS NULL OR s.newsletter_id = t.newsletter_id)
  GROUP BY s.user_id, s.newsletter_id
), upd AS (
  UPDATE subscription s SET
    status = CASE WHEN tg.leaves THEN 'unsubscribed' ELSE 'suppressed' END,
    suppressed_reason = CASE WHEN tg.leaves THEN s.suppressed_reason ELSE tg.detail END,
    unsubscribed_at = CASE WHEN tg.leaves THEN now() ELSE s.unsubscribed_at END
  FROM targets tg
  WHERE s.user_id = tg.user_id AND s.newsletter_id = tg.newsletter_id
    AND s.status IN ('active', 'pending', 'suppressed') AND (tg.leaves OR s.status <> 'suppressed')
  RETURNING s.user_id, s.newsletter_id, tg.leaves, tg.why, tg.detail
), cons AS (
  INSERT INTO consent_record (user_id, newsletter_id, action, source, sentence)
  SELECT user_id, newsletter_id, 'withdrawn', why, detail FROM upd WHERE leaves
)
SELECT (SELECT count(*)::int FROM ins) AS recorded,
  coalesce((SELECT array_agg(DISTINCT issue_id) FROM done WHERE issue_id IS NOT NULL AND issue_status = 'sending' AND kind IN ('bounce', 'complaint')), '{}') AS issues`;
}

const issuesOf = (row: BatchRow | undefined) => (row?.issues ?? []).map(Number);

/**
 * Records one event inside a caller's transaction (a refusal at the SMTP door, a report
 * from the bounce mailbox); a second event with the same provider id changes nothing.
 */
export async function recordEvent(e: ProviderEvent, tx: Executor = db): Promise<{ outcome: "recorded" | "duplicate"; issueId: number | null }> {
  const [row] = rowsOf<BatchRow>(await tx.execute(batchQuery([e])));
  return { outcome: row && row.recorded > 0 ? "recorded" : "duplicate", issueId: issuesOf(row)[0] ?? null };
}

/**
 * Records a request's events in one prepared statement (one round trip, atomic: all of
 * them or, on a fault, none, and the provider sends them again); then guards every
 * sending issue a bounce or complaint touched.
 */
export async function recordEvents(events: ProviderEvent[]): Promise<{ recorded: number; duplicates: number }> {
  if (events.length === 0) return { recorded: 0, duplicates: 0 };
  // Two batches touching the same readers in opposite orders may deadlock: one of them is
  // rolled back whole and simply run again (the provider would only have retried it later).
  const [row] = await retryingRaces(() => runPrepared<BatchRow>(batchQuery(events)));
  const recorded = row?.recorded ?? 0;
  for (const issueId of issuesOf(row)) await guardIssue(issueId);
  return { recorded, duplicates: events.length - recorded };
}
