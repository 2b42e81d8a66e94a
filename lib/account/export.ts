import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { memberGifts } from "@/lib/gifts/links";
import { articles, joins, newsletterDeliveries, newsletterIssues, newsletters as newsletterTable, passkeys, signIns, subscriptions, users } from "@/lib/db/schema";
import { memberEvents } from "@/lib/deliverability/history";
import { consentHistory } from "@/lib/newsletter/consent";

/** "Export my data": everything Lede keeps about one account, as plain JSON. */
export async function exportAccount(userId: string) {
  const [account] = await db
    .select({
      email: sql<string>`coalesce(${users.emailAsTyped}, ${users.email})`,
      name: users.name,
      role: users.role,
      createdAt: users.createdAt,
      emailVerifiedAt: users.emailVerified,
      lastSignInAt: users.lastSignInAt,
    })
    .from(users)
    .where(eq(users.id, userId));
  if (!account) return null;
  const subscription = await db
    .select({
      newsletter: newsletterTable.name,
      status: subscriptions.status,
      source: subscriptions.source,
      consentAt: subscriptions.consentAt,
      confirmedAt: subscriptions.confirmedAt,
      unsubscribedAt: subscriptions.unsubscribedAt,
      suppressedReason: subscriptions.suppressedReason,
    })
    .from(subscriptions)
    .innerJoin(newsletterTable, eq(newsletterTable.id, subscriptions.newsletterId))
    .where(eq(subscriptions.userId, userId));
  const signInRows = await db
    .select({ at: signIns.at, method: signIns.method, provider: signIns.provider })
    .from(signIns)
    .where(eq(signIns.userId, userId))
    .orderBy(asc(signIns.at));
  // The passkeys' names and dates; their public keys say nothing about the reader and stay out.
  const keys = await db
    .select({ name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(asc(passkeys.createdAt));
  const joinedFrom = await db
    .select({ at: joins.createdAt, article: articles.title, slug: articles.slug, newsletterConsent: joins.newsletterConsent })
    .from(joins)
    .leftJoin(articles, eq(articles.id, joins.articleId))
    .where(eq(joins.userId, userId))
    .orderBy(asc(joins.createdAt));
  const newsletters = await db
    .select({ subject: newsletterIssues.subject, status: newsletterDeliveries.status, sentAt: newsletterDeliveries.sentAt })
    .from(newsletterDeliveries)
    .innerJoin(newsletterIssues, eq(newsletterIssues.id, newsletterDeliveries.issueId))
    .where(eq(newsletterDeliveries.userId, userId))
    .orderBy(asc(newsletterDeliveries.id));
  const [identity] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId));
  const [consent, events] = await Promise.all([consentHistory(userId), memberEvents(userId, identity.email)]);
  return {
    exportedAt: new Date(),
    account,
    subscriptions: subscription,
    /** Proof of consent: each opt-in, confirmation, import and withdrawal, with where it came from. */
    consent,
    /** What mail providers reported about mail to this address (bounces, complaints). */
    deliveryEvents: events.map((e) => ({ event: e.kind, at: e.occurredAt, issue: e.issueSubject, provider: e.provider, detail: e.detail, action: e.action })),
    signIns: signInRows,
    passkeys: keys,
    articlesJoinedFrom: joinedFrom.map((j) => ({ ...j, article: j.article ?? "(the sign-in page, or an article since removed)" })),
    newslettersSent: newsletters,
    // The links themselves are not kept (only their keyed hashes): what each gift was and did.
    giftLinks: (await memberGifts(userId, 10_000)).map(({ title, slug, createdAt, expiresAt, opens, joins }) => ({ article: title, slug, createdAt, expiresAt, opens, joins })),
  };
}
