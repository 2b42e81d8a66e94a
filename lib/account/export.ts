import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { memberGifts } from "@/lib/gifts/links";
import { articles, joins, newsletterDeliveries, newsletterIssues, signIns, subscriptions, users } from "@/lib/db/schema";

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
      status: subscriptions.status,
      source: subscriptions.source,
      consentAt: subscriptions.consentAt,
      confirmedAt: subscriptions.confirmedAt,
      unsubscribedAt: subscriptions.unsubscribedAt,
      suppressedReason: subscriptions.suppressedReason,
    })
    .from(subscriptions)
    .where(eq(subscriptions.userId, userId));
  const signInRows = await db
    .select({ at: signIns.at, method: signIns.method })
    .from(signIns)
    .where(eq(signIns.userId, userId))
    .orderBy(asc(signIns.at));
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
  return {
    exportedAt: new Date(),
    account,
    subscriptions: subscription,
    signIns: signInRows,
    articlesJoinedFrom: joinedFrom.map((j) => ({ ...j, article: j.article ?? "(the sign-in page, or an article since removed)" })),
    newslettersSent: newsletters,
    // The links themselves are not kept (only their keyed hashes): what each gift was and did.
    giftLinks: (await memberGifts(userId, 10_000)).map(({ title, slug, createdAt, expiresAt, opens, joins }) => ({ article: title, slug, createdAt, expiresAt, opens, joins })),
  };
}
