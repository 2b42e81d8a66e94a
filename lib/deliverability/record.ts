import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { deliveryFromMessageId, deliveryFromToken, deliveryFromVerp } from "./delivery-token";
import type { EventKind, ProviderEvent } from "./events";
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

type Recorded = { id: number; email: string | null; issueId: number | null; userId: string | null };

/**
 * Suppresses an address for every newsletter (kept by address, so it holds with no
 * account and after one is deleted) and stops its subscriptions: "suppressed" for a
 * bounce, "unsubscribed" for a complaint (the reader said no).
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

async function withdrawConsent(tx: Executor, userId: string | null, source: string, detail: string): Promise<void> {
  if (!userId) return;
  await tx.execute(sql`
    INSERT INTO consent_record (user_id, action, source, sentence)
    VALUES (${userId}, 'withdrawn', ${source}, ${detail.slice(0, 500)})`);
}

async function act(tx: Executor, kind: EventKind, e: ProviderEvent, r: Recorded): Promise<"suppressed" | "counted" | "unsubscribed" | "none"> {
  if (!r.email) return "none";
  const base = { email: r.email, userId: r.userId, source: e.provider, detail: e.detail, eventId: r.id };
  switch (kind) {
    case "bounce":
      await suppressAddress(tx, { ...base, reason: e.provider === "smtp" ? "smtp" : "bounce" });
      return "suppressed";
    case "soft-bounce": {
      const [{ n }] = rowsOf<{ n: number }>(
        await tx.execute(sql`SELECT count(*)::int AS n FROM mail_event WHERE email = ${r.email} AND kind = 'soft-bounce'
          AND occurred_at >= now() - make_interval(days => ${SOFT_BOUNCE_DAYS})`),
      );
      if (n < SOFT_BOUNCE_LIMIT) return "counted";
      await suppressAddress(tx, { ...base, reason: "soft-bounces", detail: `${n} temporary bounces in ${SOFT_BOUNCE_DAYS} days; last: ${e.detail}` });
      return "suppressed";
    }
    case "complaint":
      await suppressAddress(tx, { ...base, reason: "complaint" });
      await withdrawConsent(tx, r.userId, `complaint (${e.provider})`, e.detail);
      return "unsubscribed";
    case "unsubscribe": {
      const changed = rowsOf(
        await tx.execute(sql`UPDATE subscription s SET status = 'unsubscribed', unsubscribed_at = now()
          FROM "user" u WHERE s.user_id = u.id AND u.email = ${r.email} AND s.status IN ('active', 'pending') RETURNING s.user_id`),
      );
      if (changed.length > 0) await withdrawConsent(tx, r.userId, `unsubscribe (${e.provider})`, e.detail);
      return "unsubscribed";
    }
  }
}

/**
 * Records one event and does what it means, in one transaction; a second event with the
 * same provider id changes nothing ("duplicate"). The delivery the event names (by its
 * token or Message-ID) decides who it is about; the address is used only when no
 * delivery of Lede's is named.
 */
export async function recordEvent(e: ProviderEvent, tx: Executor = db): Promise<{ outcome: "recorded" | "duplicate"; issueId: number | null }> {
  const deliveryId = deliveryOf(e.deliveryHints);
  return tx.transaction(async (t) => {
    const [row] = rowsOf<Recorded>(
      await t.execute(sql`
        WITH d AS (SELECT id, issue_id, user_id, lower(email) AS email FROM newsletter_delivery WHERE id = ${deliveryId}::bigint),
        u AS (SELECT id FROM "user" WHERE email = coalesce((SELECT email FROM d), ${e.email}) LIMIT 1)
        INSERT INTO mail_event (provider, provider_event_id, kind, email, delivery_id, issue_id, user_id, occurred_at, detail, action)
        VALUES (${e.provider}, ${e.id}, ${e.kind},
          CASE WHEN EXISTS (SELECT 1 FROM d) THEN (SELECT email FROM d) ELSE ${e.email} END,
          (SELECT id FROM d), (SELECT issue_id FROM d),
          CASE WHEN EXISTS (SELECT 1 FROM d) THEN (SELECT user_id FROM d) ELSE (SELECT id FROM u) END,
          ${e.occurredAt.toISOString()}::timestamptz, ${e.detail.slice(0, 500)}, 'none')
        ON CONFLICT (provider, provider_event_id) DO NOTHING
        RETURNING id, email, issue_id AS "issueId", user_id AS "userId"`),
    );
    if (!row) return { outcome: "duplicate" as const, issueId: null };
    const action = await act(t, e.kind, e, row);
    if (action !== "none") await t.execute(sql`UPDATE mail_event SET action = ${action} WHERE id = ${row.id}`);
    return { outcome: "recorded" as const, issueId: row.issueId };
  });
}

/** Records a request's events in order; then guards every issue they touched. */
export async function recordEvents(events: ProviderEvent[]): Promise<{ recorded: number; duplicates: number }> {
  let recorded = 0;
  let duplicates = 0;
  const issues = new Set<number>();
  for (const e of events) {
    const r = await recordEvent(e);
    if (r.outcome === "recorded") recorded++;
    else duplicates++;
    if (r.issueId !== null && (e.kind === "bounce" || e.kind === "complaint")) issues.add(r.issueId);
  }
  for (const issueId of issues) await guardIssue(issueId);
  return { recorded, duplicates };
}
