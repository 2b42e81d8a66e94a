import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { mailEvents, newsletterIssues, siteSettings } from "@/lib/db/schema";

export type EventRow = {
  id: number;
  kind: string;
  provider: string;
  email: string | null;
  receivedAt: Date;
  occurredAt: Date;
  issueId: number | null;
  issueSubject: string | null;
  detail: string | null;
  action: string;
  userId: string | null;
};

const columns = {
  id: mailEvents.id,
  kind: mailEvents.kind,
  provider: mailEvents.provider,
  email: mailEvents.email,
  receivedAt: mailEvents.receivedAt,
  occurredAt: mailEvents.occurredAt,
  issueId: mailEvents.issueId,
  issueSubject: newsletterIssues.subject,
  detail: mailEvents.detail,
  action: mailEvents.action,
  userId: mailEvents.userId,
};

/** The latest events heard, for the desk's deliverability page. */
export async function recentEvents(limit = 50): Promise<EventRow[]> {
  return db.select(columns).from(mailEvents).leftJoin(newsletterIssues, eq(newsletterIssues.id, mailEvents.issueId)).orderBy(desc(mailEvents.id)).limit(limit);
}

/** One member's events, newest first: the member's desk page. */
export async function memberEvents(userId: string, email: string, limit = 200): Promise<EventRow[]> {
  return db
    .select(columns)
    .from(mailEvents)
    .leftJoin(newsletterIssues, eq(newsletterIssues.id, mailEvents.issueId))
    .where(sql`${mailEvents.userId} = ${userId} OR ${mailEvents.email} = ${email}`)
    .orderBy(desc(mailEvents.id))
    .limit(limit);
}

export const KIND_WORDS: Record<string, string> = {
  bounce: "Permanent bounce",
  "soft-bounce": "Temporary bounce",
  complaint: "Spam complaint",
  unsubscribe: "Unsubscribed at the provider",
};

export const ACTION_WORDS: Record<string, string> = {
  suppressed: "address suppressed",
  counted: "counted",
  unsubscribed: "unsubscribed",
  none: "nothing (no address to act on)",
};

export const PROVIDER_WORDS: Record<string, string> = {
  ses: "Amazon SES",
  postmark: "Postmark",
  sendgrid: "SendGrid",
  mailgun: "Mailgun",
  resend: "Resend",
  imap: "Bounce mailbox",
  smtp: "SMTP reply",
};

/** What the bounce mailbox reader last saw (lib/deliverability/mailbox.ts writes it). */
export type MailboxState = { checkedAt: string; unparsed: number; acted: number; error: string | null };

export const MAILBOX_STATE_KEY = "bounce-mailbox";

export async function mailboxState(): Promise<MailboxState | null> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, MAILBOX_STATE_KEY));
  return (row?.value as MailboxState | undefined) ?? null;
}
