import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterIssues } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { loadPicks } from "../compose/picks";
import { hasContent } from "../issues";
import { findNewsletter } from "../newsletters";
import { startSending, type SendResult } from "../send/start";
import { formatWall, instantOf, parseWall } from "./zoned";

/** How far ahead a send may be scheduled. */
const MAX_AHEAD_DAYS = 366;

/**
 * The desk's "Schedule": `local` is the wall-clock time typed in the site's time zone
 * ("2026-12-11T07:00", as a datetime-local field gives it). Refused: a time that does not
 * exist there (the hour the clocks skip), one in the past, one more than a year ahead, an
 * issue that is not a draft, has nothing to send, or whose newsletter is archived.
 */
export async function scheduleIssue(issueId: number, local: string, now = new Date()): Promise<SendResult> {
  const [date, time] = local.trim().split("T");
  const wall = parseWall(date ?? "", (time ?? "").slice(0, 5));
  if (!wall || (time ?? "").length > 8) return { ok: false, message: "Give a date and a time, for example 2026-12-11 07:00." };
  const tz = env.siteTimeZone;
  const at = instantOf(wall, tz);
  if (!at.ok) {
    return {
      ok: false,
      message:
        at.reason === "gap"
          ? `${local.replace("T", " ")} does not exist in ${tz}: the clocks go forward then. Choose a time outside that hour.`
          : "That date does not exist.",
    };
  }
  if (at.at.getTime() <= now.getTime()) return { ok: false, message: `${formatWall(at.at, tz)} has already passed: choose a later time.` };
  if (at.at.getTime() > now.getTime() + MAX_AHEAD_DAYS * 86_400_000) return { ok: false, message: "Schedule it at most a year ahead." };
  return db.transaction(async (tx): Promise<SendResult> => {
    const [issue] = await tx.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)).for("update");
    if (!issue) return { ok: false, message: "That issue does not exist." };
    if (issue.status !== "draft") return { ok: false, message: "Only a draft can be scheduled." };
    const newsletter = await findNewsletter(issue.newsletterId, tx);
    if (!newsletter || newsletter.archivedAt) return { ok: false, message: "Its newsletter is archived: bring it back first." };
    const picks = await loadPicks(issue.articleIds, tx);
    if (!hasContent(issue.intro, picks.articles.length)) {
      return { ok: false, message: "There is nothing to send yet: write an intro or pick a published article, then save the draft." };
    }
    await tx
      .update(newsletterIssues)
      .set({ status: "scheduled", scheduledAt: at.at, updatedAt: new Date() })
      .where(eq(newsletterIssues.id, issueId));
    return { ok: true, message: `Scheduled for ${formatWall(at.at, tz)}.` };
  });
}

/** "Cancel": back to a draft, while sending has not started. False when it already has (or was never scheduled). */
export async function cancelSchedule(issueId: number): Promise<boolean> {
  const rows = await db
    .update(newsletterIssues)
    .set({ status: "draft", scheduledAt: null, updatedAt: new Date() })
    .where(and(eq(newsletterIssues.id, issueId), eq(newsletterIssues.status, "scheduled")))
    .returning({ id: newsletterIssues.id });
  return rows.length > 0;
}

/**
 * Every worker runs this every few seconds: each scheduled issue whose time has come starts
 * sending, once (startSending locks the row and starts only an issue still scheduled, so a
 * second worker, or a cancel that got there first, finds nothing to do). The schedule is a
 * row, so it survives restarts; a time missed while no worker ran starts at the next sweep.
 * One that can no longer start (nobody subscribed, nothing left to send) goes back to a draft.
 */
export async function startDueSchedules(now = new Date()): Promise<number> {
  const due = rowsOf<{ id: number }>(
    await db.execute(sql`SELECT id FROM newsletter_issue WHERE status = 'scheduled' AND scheduled_at <= ${now.toISOString()}::timestamptz
                         ORDER BY scheduled_at LIMIT 20`),
  );
  let started = 0;
  for (const { id } of due) {
    const result = await startSending(id, { scheduledOnly: true });
    if (result.ok) {
      started++;
      console.log(`[newsletter] issue ${id}: its scheduled time came, ${result.message.toLowerCase()}`);
    } else if (result.message !== "This issue is no longer scheduled.") {
      console.warn(`[newsletter] issue ${id}: its scheduled send could not start (${result.message}); back to a draft`);
      await db.execute(sql`UPDATE newsletter_issue SET status = 'draft', scheduled_at = NULL, updated_at = now()
                           WHERE id = ${id} AND status = 'scheduled'`);
    }
  }
  return started;
}
