// Newsletter fixtures for integration tests: subscribers in each state, articles, issues.
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, expect } from "vitest";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterDeliveries, subscriptions, users } from "@/lib/db/schema";
import { upsertArticle } from "@/lib/articles/queries";
import { createIssue, type IssueDraft } from "@/lib/newsletter/issues";
import { SmtpRecorder, waitUntil } from "./smtp-recorder";

const SMTP_ENV = {
  EMAIL_FROM: '"The Test Times" <news@example.com>',
  LEDE_NEWSLETTER_RETRY_SECONDS: "0.2",
  LEDE_SMTP_CONNECTIONS: "4",
};

/** A recording SMTP server for this test file, with EMAIL_SERVER pointing at it (call before useTestDatabase). */
export function useSmtpRecorder(env: Partial<typeof SMTP_ENV> = {}): SmtpRecorder {
  const smtp = new SmtpRecorder();
  const vars = { ...SMTP_ENV, ...env };
  beforeAll(async () => {
    process.env.EMAIL_SERVER = `smtp://127.0.0.1:${await smtp.start()}`;
    Object.assign(process.env, vars);
  });
  afterAll(async () => {
    const { closeMailSender } = await import("@/lib/mail/sender");
    closeMailSender();
    await smtp.stop();
    for (const k of ["EMAIL_SERVER", ...Object.keys(vars)]) delete process.env[k];
  });
  return smtp;
}

export type SubscriberState = "active" | "pending" | "unsubscribed" | "none";

/** An account whose address is confirmed (signed in once) unless the state is pending. */
export async function subscriber(email: string, state: SubscriberState = "active", newsletterId = 1): Promise<string> {
  const [user] = await db
    .insert(users)
    .values({ email, emailVerified: state === "pending" ? null : new Date() })
    .returning({ id: users.id });
  if (state !== "none") {
    await db.insert(subscriptions).values({ userId: user.id, newsletterId, status: state, confirmedAt: state === "pending" ? null : new Date() });
  }
  return user.id;
}

/** `n` confirmed subscribers in one statement: reader<i>@<domain>. */
export async function manySubscribers(n: number, domain = "many.example", newsletterId = 1): Promise<string[]> {
  await db.execute(sql`
    INSERT INTO "user" (id, email, "emailVerified")
    SELECT 'u-' || ${domain} || '-' || lpad(i::text, 6, '0'), 'reader' || i || '@' || ${domain}, now() FROM generate_series(1, ${n}) i`);
  await db.execute(sql`
    INSERT INTO subscription (user_id, newsletter_id, status, confirmed_at)
    SELECT id, ${newsletterId}, 'active', now() FROM "user" WHERE email LIKE ${"%@" + domain}`);
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
    metered: true,
    status: "published",
    image: null,
    imageCaption: null,
    body: `The free lede of ${slug}.\n\n<!-- gate -->\n\n${restText}`,
  });
  return id;
}

export async function issue(subject: string, articleIds: number[], intro = "Hello.", extra: Partial<IssueDraft> = {}) {
  const [editor] = await db.insert(users).values({ email: `editor-${Date.now()}-${Math.random()}@example.com`, role: "editor" }).returning({ id: users.id });
  return createIssue({ newsletterId: 1, subject, intro, articleIds, ...extra }, editor.id);
}

export async function subscriptionOf(userId: string, newsletterId = 1) {
  const [row] = await db
    .select()
    .from(subscriptions)
    .where(and(eq(subscriptions.userId, userId), eq(subscriptions.newsletterId, newsletterId)));
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

/**
 * Sends an issue to completion the way the workers do: fan-out, then send jobs until no
 * delivery is queued or in flight. `started`: the send was already started.
 */
export async function sendToCompletion(issueId: number, { started = false } = {}) {
  const { startSending } = await import("@/lib/newsletter/send/start");
  const { runFanout } = await import("@/lib/newsletter/send/fan-out");
  const { runSendJob } = await import("@/lib/newsletter/send/send-batch");
  const { finishIfDone } = await import("@/lib/newsletter/send/finish");
  if (!started) {
    expect(await startSending(issueId)).toMatchObject({ ok: true });
    await runFanout(issueId);
  }
  await waitUntil(async () => {
    await runSendJob(issueId);
    return finishIfDone(issueId).then(() => deliveryCounts(issueId)).then((c) => !c.queued && !c.sending);
  }, 20_000, "the issue to finish");
}
