import "server-only";
import { sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import type { SendGuardSettings } from "@/lib/db/schema";
import { percent, sendGuardSettings } from "./guard-settings";

/**
 * What came back from a send: copies the mail server accepted ("delivered"), permanent
 * and temporary bounces and complaints (each recipient once), and the rates the desk
 * shows next to the 0.1% and 0.3% lines. Bounces refused at the SMTP door count too.
 */
export type SendFigures = { delivered: number; bounces: number; softBounces: number; complaints: number; unsubscribes: number };

export const rates = (f: SendFigures) => ({
  complaintRate: f.delivered > 0 ? f.complaints / f.delivered : 0,
  bounceRate: f.delivered + f.bounces > 0 ? f.bounces / (f.delivered + f.bounces) : 0,
});

const eventCounts = (where: ReturnType<typeof sql>) => sql`
  SELECT count(DISTINCT coalesce(delivery_id::text, email, id::text)) FILTER (WHERE kind = 'bounce')::int AS bounces,
         count(DISTINCT coalesce(delivery_id::text, email, id::text)) FILTER (WHERE kind = 'soft-bounce')::int AS "softBounces",
         count(DISTINCT coalesce(delivery_id::text, email, id::text)) FILTER (WHERE kind = 'complaint')::int AS complaints,
         count(DISTINCT coalesce(delivery_id::text, email, id::text)) FILTER (WHERE kind = 'unsubscribe')::int AS unsubscribes
  FROM mail_event WHERE ${where}`;

export async function issueFigures(issueId: number, tx: Executor = db, onlyIfEvents = false): Promise<SendFigures | null> {
  const [e] = rowsOf<Omit<SendFigures, "delivered">>(await tx.execute(eventCounts(sql`issue_id = ${issueId}`)));
  // The guard's question needs the delivered count only when something came back.
  if (onlyIfEvents && e.complaints === 0 && e.bounces === 0) return null;
  const [d] = rowsOf<{ delivered: number }>(
    await tx.execute(sql`SELECT count(*)::int AS delivered FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'sent'`),
  );
  return { delivered: d.delivered, ...e };
}

/** The last 30 days, every issue: copies sent in the window and events heard in it. */
export async function recentFigures(days = 30): Promise<SendFigures> {
  const [d] = rowsOf<{ delivered: number }>(
    await db.execute(sql`SELECT count(*)::int AS delivered FROM newsletter_delivery
      WHERE status = 'sent' AND sent_at >= now() - make_interval(days => ${days})`),
  );
  const [e] = rowsOf<Omit<SendFigures, "delivered">>(
    await db.execute(eventCounts(sql`issue_id IS NOT NULL AND received_at >= now() - make_interval(days => ${days})`)),
  );
  return { delivered: d.delivered, ...e };
}

export type GuardVerdict = { kind: "complaints" | "bounces"; reason: string } | null;

/** Whether these figures pass a threshold, and the sentence that says which and why. */
export function guardVerdict(f: SendFigures, s: SendGuardSettings, acknowledged?: { complaints: number; bounces: number } | null): GuardVerdict {
  const r = rates(f);
  const enough = f.delivered + f.bounces >= s.minDelivered;
  if (enough && r.complaintRate > s.complaintRate && f.complaints > (acknowledged?.complaints ?? -1)) {
    return {
      kind: "complaints",
      reason: `${f.complaints.toLocaleString("en-GB")} spam complaints for ${f.delivered.toLocaleString("en-GB")} delivered copies (${percent(r.complaintRate)}) passed the ${percent(s.complaintRate)} threshold`,
    };
  }
  if (enough && r.bounceRate > s.bounceRate && f.bounces > (acknowledged?.bounces ?? -1)) {
    return {
      kind: "bounces",
      reason: `${f.bounces.toLocaleString("en-GB")} permanent bounces for ${(f.delivered + f.bounces).toLocaleString("en-GB")} copies sent (${percent(r.bounceRate)}) passed the ${percent(s.bounceRate)} threshold`,
    };
  }
  return null;
}

/**
 * Pauses a sending issue whose complaints or permanent bounces passed a threshold (and
 * did not stay where they were when an editor resumed it). True when this call paused it.
 */
export async function guardIssue(issueId: number): Promise<boolean> {
  const [issue] = rowsOf<{ status: string; acknowledged: { complaints: number; bounces: number } | null }>(
    await db.execute(sql`SELECT status, guard_acknowledged AS acknowledged FROM newsletter_issue WHERE id = ${issueId}`),
  );
  if (issue?.status !== "sending") return false;
  const figures = await issueFigures(issueId, db, true);
  if (!figures) return false;
  const verdict = guardVerdict(figures, await sendGuardSettings(), issue.acknowledged);
  if (!verdict) return false;
  const paused = rowsOf(
    await db.execute(sql`UPDATE newsletter_issue SET status = 'paused', pause_kind = ${verdict.kind}, pause_reason = ${verdict.reason},
        paused_at = now(), updated_at = now()
      WHERE id = ${issueId} AND status = 'sending' RETURNING id`),
  );
  if (paused.length > 0) console.warn(`[newsletter] issue ${issueId}: paused by the send guard: ${verdict.reason}`);
  return paused.length > 0;
}
