import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletters, type Newsletter } from "@/lib/db/schema";
import { awaitDrop, keptUntilDropped, recordDrop } from "@/lib/cache/drops";
import { EVERYTHING_TAG } from "@/lib/cache/tags";

// The site's newsletters: created, edited and archived on the desk. An archived one keeps
// its issues and subscriptions but takes no new subscribers and sends nothing.

export type NewsletterFields = { name: string; description: string; senderName: string; offeredByDefault: boolean };

export async function listNewsletters(opts: { includeArchived?: boolean } = {}, tx: Executor = db): Promise<Newsletter[]> {
  return tx
    .select()
    .from(newsletters)
    .where(opts.includeArchived ? undefined : isNull(newsletters.archivedAt))
    .orderBy(asc(newsletters.id));
}

export async function findNewsletter(id: number, tx: Executor = db): Promise<Newsletter | null> {
  if (!Number.isSafeInteger(id) || id <= 0) return null;
  const [row] = await tx.select().from(newsletters).where(eq(newsletters.id, id)).limit(1);
  return row ?? null;
}

/** The newsletters a joining reader's consent box stands for: the ones offered by default. */
export async function defaultNewsletters(tx: Executor = db): Promise<Pick<Newsletter, "id" | "name">[]> {
  return tx
    .select({ id: newsletters.id, name: newsletters.name })
    .from(newsletters)
    .where(and(eq(newsletters.offeredByDefault, true), isNull(newsletters.archivedAt)))
    .orderBy(asc(newsletters.id));
}

/** Of the ids a form named, those a reader may subscribe to: existing and not archived. */
export async function openNewsletterIds(ids: number[], tx: Executor = db): Promise<number[]> {
  const wanted = [...new Set(ids.filter((id) => Number.isSafeInteger(id) && id > 0))];
  if (wanted.length === 0) return [];
  const rows = await tx
    .select({ id: newsletters.id })
    .from(newsletters)
    .where(and(inArray(newsletters.id, wanted), isNull(newsletters.archivedAt)));
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/**
 * The gate names the newsletters offered by default, in every cached page: a change of a
 * newsletter's name, its offer or its archiving drops every cached render, in every
 * process, before the editor's action answers (as a change of the meter does).
 */
async function withGateDrop<T>(change: (tx: Executor) => Promise<T>): Promise<T> {
  const { result, drop } = await db.transaction(async (tx) => {
    const result = await change(tx);
    return { result, drop: await recordDrop(tx, { slugs: [], lists: false, everything: true }) };
  });
  await awaitDrop(drop);
  return result;
}

const keptOffer = keptUntilDropped(() => defaultNewsletters(), (tag) => tag === EVERYTHING_TAG);

/** The newsletters the gate's consent box offers, kept in memory until a change reaches this process. */
export function offeredNewsletters(): Promise<Pick<Newsletter, "id" | "name">[]> {
  return keptOffer("offer");
}

export async function createNewsletter(fields: NewsletterFields): Promise<number> {
  return withGateDrop(async (tx) => {
    const [row] = await tx.insert(newsletters).values(fields).returning({ id: newsletters.id });
    return row.id;
  });
}

/** Its name, description, sender name and offer; false when there is no such newsletter. */
export async function updateNewsletterDetails(id: number, fields: NewsletterFields): Promise<boolean> {
  return withGateDrop(async (tx) => {
    const rows = await tx
      .update(newsletters)
      .set({ ...fields, updatedAt: new Date() })
      .where(eq(newsletters.id, id))
      .returning({ id: newsletters.id });
    return rows.length > 0;
  });
}

/**
 * The welcome mail. Turning it on marks the moment: readers who confirm from then on are
 * welcomed, not everyone who confirmed before.
 */
export async function saveWelcome(id: number, w: { welcomeOn: boolean; welcomeSubject: string; welcomeBody: string }): Promise<boolean> {
  const rows = await db
    .update(newsletters)
    .set({
      ...w,
      welcomeSince: w.welcomeOn ? sql`CASE WHEN ${newsletters.welcomeOn} AND ${newsletters.welcomeSince} IS NOT NULL THEN ${newsletters.welcomeSince} ELSE now() END` : null,
      updatedAt: new Date(),
    })
    .where(eq(newsletters.id, id))
    .returning({ id: newsletters.id });
  return rows.length > 0;
}

/**
 * The digest's settings. Turning it on marks the moment: its first digest is the first slot
 * after it, not one already past (last Friday's, when it is turned on on a Saturday).
 */
export async function saveDigestSettings(
  id: number,
  d: Pick<Newsletter, "digestOn" | "digestDays" | "digestTime" | "digestAutoSend" | "digestSize" | "digestPinnedIds">,
): Promise<boolean> {
  const rows = await db
    .update(newsletters)
    .set({
      ...d,
      digestDoneUntil: d.digestOn
        ? sql`CASE WHEN ${newsletters.digestOn} AND ${newsletters.digestDoneUntil} IS NOT NULL THEN ${newsletters.digestDoneUntil} ELSE now() END`
        : null,
      updatedAt: new Date(),
    })
    .where(eq(newsletters.id, id))
    .returning({ id: newsletters.id });
  return rows.length > 0;
}

/** Archive (or bring back). Archiving also stops offering it to joiners; its scheduled issues go back to drafts. */
export async function setArchived(id: number, archived: boolean): Promise<boolean> {
  return withGateDrop(async (tx) => {
    const now = new Date();
    const rows = await tx
      .update(newsletters)
      .set(archived ? { archivedAt: now, offeredByDefault: false, updatedAt: now } : { archivedAt: null, updatedAt: now })
      .where(eq(newsletters.id, id))
      .returning({ id: newsletters.id });
    if (archived && rows.length > 0) {
      await tx.execute(sql`UPDATE newsletter_issue SET status = 'draft', scheduled_at = NULL, updated_at = now()
                           WHERE newsletter_id = ${id} AND status = 'scheduled'`);
    }
    return rows.length > 0;
  });
}

/** Active subscribers and those waiting for confirmation, per newsletter. */
export async function countsByNewsletter(tx: Executor = db): Promise<Map<number, { subscribers: number; waiting: number }>> {
  const rows = rowsOf<{ id: number; subscribers: number; waiting: number }>(await tx.execute(sql`
    SELECT newsletter_id AS id, count(*) FILTER (WHERE status = 'active')::int AS subscribers,
           count(*) FILTER (WHERE status = 'pending')::int AS waiting
    FROM subscription WHERE status IN ('active', 'pending') GROUP BY newsletter_id`));
  return new Map(rows.map((r) => [Number(r.id), { subscribers: r.subscribers, waiting: r.waiting }]));
}
