// Newsletter fixtures for integration tests: subscribers in each state, articles, issues.
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterDeliveries, subscriptions, users } from "@/lib/db/schema";
import { upsertArticle } from "@/lib/articles/queries";
import { createIssue } from "@/lib/newsletter/issues";

export type SubscriberState = "active" | "pending" | "unsubscribed" | "none";

/** An account whose address is confirmed (signed in once) unless the state is pending. */
export async function subscriber(email: string, state: SubscriberState = "active"): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email, emailVerified: state === "pending" ? null : new Date() })
    .returning({ id: users.id });
  if (state !== "none") {
    await db.insert(subscriptions).values({ userId: user.id, status: state, confirmedAt: state === "pending" ? null : new Date() });
  }
  return user.id;
}

/** `n` confirmed subscribers in one statement: reader<i>@<domain>. */
export async function manySubscribers(n: number, domain = "many.example"): Promise<string[]> {
  await db.execute(sql`
    INSERT INTO "user" (id, email, "emailVerified")
    SELECT 'u-' || lpad(i::text, 6, '0'), 'reader' || i || '@' || ${domain}, now() FROM generate_series(1, ${n}) i`);
  await db.execute(sql`
    INSERT INTO subscription (user_id, status, confirmed_at)
    SELECT id, 'active', now() FROM "user" WHERE email LIKE ${"%@" + domain}`);
  return Array.from({ length: n }, (_, i) => `reader${i + 1}@${domain}`);
}

export async function article(slug: string, premium: boolean, restText = "The rest of the story.") {
  const { id } = await upsertArticle({
    slug,
    title: `Headline of ${slug}`,
    dek: `Dek of ${slug}`,
    author: "",
    publishedAt: new Date(),
    premium,
    status: "published",
    image: null,
    imageCaption: null,
    body: `The free lede of ${slug}.\n\n<!-- gate -->\n\n${restText}`,
  });
  return id;
}

export async function issue(subject: string, articleIds: number[], intro = "Hello.") {
  const [editor] = await db.insert(users).values({ email: `editor-${Date.now()}-${Math.random()}@example.com`, role: "editor" }).returning({ id: users.id });
  return createIssue({ subject, intro, articleIds }, editor.id);
}

export async function subscriptionOf(userId: string) {
  const [row] = await db.select().from(subscriptions).where(eq(subscriptions.userId, userId));
  return row;
}

export async function deliveryCounts(issueId: number): Promise<Record<string, number>> {
  const rows = rowsOf<{ status: string; n: number }>(
    await db.execute(sql`SELECT status, count(*)::int AS n FROM newsletter_delivery WHERE issue_id = ${issueId} GROUP BY status`),
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

export async function deliveryOf(issueId: number, userId: string) {
  const rows = await db.select().from(newsletterDeliveries).where(sql`${newsletterDeliveries.issueId} = ${issueId} AND ${newsletterDeliveries.userId} = ${userId}`);
  return rows[0];
}
