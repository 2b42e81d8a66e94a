// One recipient's newsletter email, as the mail sender (lib/mail/sender.ts) takes it.
import type { FrozenIssue } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import type { RawMail } from "@/lib/mail/sender";
import { copyHeaders } from "@/lib/deliverability/copy-headers";
import { feedbackId, mailbox, mimeMessage, mimeTemplate, type MimeTemplate } from "./mime";
import { personalise } from "./render";

/** An issue ready to send: its frozen parts, and the same pre-encoded as MIME (a second subject's too). */
export type PreparedIssue = { frozen: FrozenIssue; mime: MimeTemplate; mimeB?: MimeTemplate };

/** One newsletter email for one recipient. */
export type NewsletterMail = {
  to: string;
  issue: PreparedIssue;
  /** Leaves this newsletter: List-Unsubscribe and the footer's first link. */
  unsubscribeUrl: string;
  /** The footer's "Unsubscribe from all newsletters". */
  unsubscribeAllUrl?: string;
  /** Stable per delivery, so a copy re-sent after a crash carries the same Message-ID. */
  messageId: string;
  /** A two-subject issue: which subject (and links) this copy has. */
  variant?: "a" | "b" | null;
  /** The delivery row: its token goes in the copy's headers and VERP Return-Path. */
  deliveryId?: string;
};

/** The List-Id of a newsletter: the first keeps the id it had when it was the only one. */
export function listIdOf(newsletterId: number, name: string): { name: string; id: string } {
  const host = new URL(env.siteUrl).hostname;
  return { name, id: newsletterId === 1 ? `newsletter.${host}` : `newsletter-${newsletterId}.${host}` };
}

export function prepareIssue(frozen: FrozenIssue, issueId?: number, newsletter = "main"): PreparedIssue {
  const host = new URL(env.siteUrl).hostname;
  // RFC 2919: a phrase and the list's own id, <newsletter.example.com>.
  const list = frozen.list ?? { name: `${env.siteName} newsletter`, id: `newsletter.${host}` };
  const feedback = issueId === undefined ? undefined : feedbackId(issueId, newsletter, host);
  const site = { from: env.emailFrom, listId: mailbox(list.name, list.id), fromName: frozen.fromName, feedbackId: feedback };
  return {
    frozen,
    mime: mimeTemplate(frozen, site),
    mimeB: frozen.b ? mimeTemplate({ ...frozen.b, slots: frozen.slots }, site) : undefined,
  };
}

export function issueMail(mail: NewsletterMail): RawMail {
  const { to, messageId, unsubscribeUrl, unsubscribeAllUrl, issue, deliveryId } = mail;
  const own = deliveryId ? copyHeaders(deliveryId) : null;
  const useB = mail.variant === "b" && issue.mimeB && issue.frozen.b;
  const template = useB ? issue.mimeB! : issue.mime;
  const parts = useB ? { ...issue.frozen.b!, slots: issue.frozen.slots } : issue.frozen;
  return {
    to,
    messageId,
    returnPath: own?.returnPath,
    mime: mimeMessage(template, { to, messageId, unsubscribeUrl, unsubscribeAllUrl, headers: own?.headers }),
    // Embedded demo: the same email as the dev mailbox shows it.
    devCopy: () => personalise(parts, unsubscribeUrl, unsubscribeAllUrl),
  };
}
