import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { newsletters, subscriptions, users, type Subscription } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { NO_CONTEXT, recordConsent, type ConsentContext } from "./consent";
import { accountConsentSentence } from "./consent-words";

export type NewsletterStatus = Subscription["status"] | "none";

export async function newsletterStatus(userId: string, newsletterId: number, tx: Executor = db): Promise<NewsletterStatus> {
  const [row] = await tx
    .select({ status: subscriptions.status })
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.newsletterId, newsletterId)))
    .limit(1);
  return row?.status ?? "none";
}

/** A reader's status in every newsletter they have a subscription row for. */
export async function statusesOf(userId: string, tx: Executor = db): Promise<Map<number, NewsletterStatus>> {
  const rows = await tx
    .select({ id: subscriptions.newsletterId, status: subscriptions.status })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId));
  return new Map(rows.map((r) => [r.id, r.status]));
}

/**
 * Consent from /account. Double opt-in: an address already confirmed by signing in is
 * active at once; one that never signed in waits as pending until it does. An archived
 * (or unknown) newsletter takes nobody: "none".
 */
export async function subscribe(
  userId: string,
  newsletterId: number,
  source = "account",
  context: ConsentContext = NO_CONTEXT,
  sentence: string = accountConsentSentence(env.siteName),
): Promise<NewsletterStatus> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1);
    const [open] = await tx
      .select({ id: newsletters.id })
      .from(newsletters)
      .where(and(eq(newsletters.id, newsletterId), isNull(newsletters.archivedAt)))
      .for("share");
    if (!user || !open) return newsletterStatus(userId, newsletterId, tx);
    const now = new Date();
    const status = user.verified ? ("active" as const) : ("pending" as const);
    const fresh = { status, consentAt: now, confirmedAt: user.verified ? now : null, unsubscribedAt: null, suppressedReason: null, source };
    await tx
      .insert(subscriptions)
      .values({ userId, newsletterId, ...fresh })
      .onConflictDoUpdate({
        target: [subscriptions.userId, subscriptions.newsletterId],
        set: fresh,
        // Subscribing again when already subscribed changes nothing.
        setWhere: inArray(subscriptions.status, ["unsubscribed", "suppressed", "pending"]),
      });
    // The member's own new consent: a suppression of the address is lifted with it.
    await tx.execute(sql`DELETE FROM suppression s USING "user" u WHERE u.id = ${userId} AND s.email = u.email AND s.newsletter_id IS NULL`);
    await recordConsent({ userId, newsletterId, action: user.verified ? "confirmed" : "opt-in", source, context, sentence }, tx);
    return newsletterStatus(userId, newsletterId, tx);
  });
}

/**
 * The consent box's "yes" for a reader already signed in: every newsletter offered by
 * default, each recorded with the request's network and user agent and the sentence shown.
 */
export async function subscribeToDefaults(userId: string, source: string, context: ConsentContext = NO_CONTEXT, sentence?: string): Promise<void> {
  const offered = await db
    .select({ id: newsletters.id })
    .from(newsletters)
    .where(and(eq(newsletters.offeredByDefault, true), isNull(newsletters.archivedAt)));
  for (const { id } of offered) await subscribe(userId, id, source, context, sentence);
}

/**
 * Unsubscribes an account from one newsletter, or from all of them (null); true when it
 * was subscribed (or waiting to be) to one of them before.
 */
export async function unsubscribe(userId: string, newsletterId: number | null, source = "account", context: ConsentContext = NO_CONTEXT): Promise<boolean> {
  const changed = await db
    .update(subscriptions)
    .set({ status: "unsubscribed", unsubscribedAt: new Date() })
    .where(
      and(
        eq(subscriptions.userId, userId),
        newsletterId === null ? undefined : eq(subscriptions.newsletterId, newsletterId),
        inArray(subscriptions.status, ["pending", "active", "suppressed"]),
      ),
    )
    .returning({ userId: subscriptions.userId, newsletterId: subscriptions.newsletterId });
  for (const c of changed) await recordConsent({ userId, newsletterId: c.newsletterId, action: "withdrawn", source, context });
  return changed.length > 0;
}

/** A permanent SMTP failure: stop mailing the address, in every newsletter, until its owner subscribes again. */
export async function suppress(userId: string, reason: string, tx: Executor = db): Promise<void> {
  await tx
    .update(subscriptions)
    .set({ status: "suppressed", suppressedReason: reason.slice(0, 500) })
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "active")));
}

/**
 * Who an issue goes to, the one rule: a subscription to the newsletter whose
 * status is "active". Only confirmation sets it (signing in with the emailed link or code,
 * or subscribing on /account once signed in) or a members import whose file says the
 * member consented, which the publisher vouches for. "pending" (consent given, address not
 * yet confirmed) never receives an issue: the desk calls them "waiting for confirmation".
 * The fan-out (send/fan-out.ts) selects by the same rule. Counts both, for the desk.
 */
export type SubscriberCounts = { subscribers: number; waiting: number };

export async function subscriberCounts(newsletterId: number, tx: Executor = db): Promise<SubscriberCounts> {
  const [row] = await tx
    .select({
      subscribers: sql<number>`count(*) FILTER (WHERE ${subscriptions.status} = 'active')::int`,
      waiting: sql<number>`count(*) FILTER (WHERE ${subscriptions.status} = 'pending')::int`,
    })
    .from(subscriptions)
    .where(and(eq(subscriptions.newsletterId, newsletterId), inArray(subscriptions.status, ["active", "pending"])));
  return row;
}
