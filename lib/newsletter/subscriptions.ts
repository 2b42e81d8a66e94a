import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { subscriptions, users, type Subscription } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { NO_CONTEXT, recordConsent, type ConsentContext } from "./consent";
import { accountConsentSentence } from "./consent-words";

export type NewsletterStatus = Subscription["status"] | "none";

export async function newsletterStatus(userId: string, tx: Executor = db): Promise<NewsletterStatus> {
  const [row] = await tx
    .select({ status: subscriptions.status })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId))
    .limit(1);
  return row?.status ?? "none";
}

/**
 * Consent from /account. Double opt-in: an address already confirmed by signing in is
 * active at once; one that never signed in waits as pending until it does.
 */
export async function subscribe(userId: string, source = "account", context: ConsentContext = NO_CONTEXT): Promise<NewsletterStatus> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ verified: users.emailVerified }).from(users).where(eq(users.id, userId)).limit(1);
    if (!user) return "none";
    const now = new Date();
    const status = user.verified ? ("active" as const) : ("pending" as const);
    const fresh = { status, consentAt: now, confirmedAt: user.verified ? now : null, unsubscribedAt: null, suppressedReason: null };
    await tx
      .insert(subscriptions)
      .values({ userId, source, ...fresh })
      .onConflictDoUpdate({
        target: subscriptions.userId,
        set: fresh,
        // Subscribing again when already subscribed changes nothing.
        setWhere: inArray(subscriptions.status, ["unsubscribed", "suppressed", "pending"]),
      });
    // A signed-in member's own new consent: any suppression of the address is lifted with it.
    await tx.execute(sql`DELETE FROM suppression s USING "user" u WHERE u.id = ${userId} AND s.email = u.email AND s.newsletter_id IS NULL`);
    await recordConsent({ userId, action: user.verified ? "confirmed" : "opt-in", source, context, sentence: accountConsentSentence(env.siteName) }, tx);
    return newsletterStatus(userId, tx);
  });
}

/** Unsubscribes an account; true when it was subscribed (or waiting to be) before. */
export async function unsubscribe(userId: string, source = "account", context: ConsentContext = NO_CONTEXT): Promise<boolean> {
  return db.transaction(async (tx) => {
    const changed = await tx
      .update(subscriptions)
      .set({ status: "unsubscribed", unsubscribedAt: new Date() })
      .where(and(eq(subscriptions.userId, userId), inArray(subscriptions.status, ["pending", "active", "suppressed"])))
      .returning({ userId: subscriptions.userId });
    if (changed.length > 0) await recordConsent({ userId, action: "withdrawn", source, context }, tx);
    return changed.length > 0;
  });
}

/** A permanent SMTP failure: stop mailing the address until its owner subscribes again. */
export async function suppress(userId: string, reason: string, tx: Executor = db): Promise<void> {
  await tx
    .update(subscriptions)
    .set({ status: "suppressed", suppressedReason: reason.slice(0, 500) })
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "active")));
}

/**
 * Who an issue goes to, the one rule: a subscription whose status is "active". Only
 * confirmation sets it (signing in with the emailed link or code, or subscribing on
 * /account once signed in) or a members import whose file says the member consented,
 * which the publisher vouches for. "pending" (consent given, address not yet confirmed)
 * never receives an issue: the desk calls them "waiting for confirmation".
 * The fan-out (send/fan-out.ts) selects by the same rule. Counts both, for the desk.
 */
export type SubscriberCounts = { subscribers: number; waiting: number };

export async function subscriberCounts(tx: Executor = db): Promise<SubscriberCounts> {
  const [row] = await tx
    .select({
      subscribers: sql<number>`count(*) FILTER (WHERE ${subscriptions.status} = 'active')::int`,
      waiting: sql<number>`count(*) FILTER (WHERE ${subscriptions.status} = 'pending')::int`,
    })
    .from(subscriptions)
    .where(inArray(subscriptions.status, ["active", "pending"]));
  return row;
}
