// One recipient's newsletter email, as the mail sender (lib/mail/sender.ts) takes it.
import type { FrozenIssue } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import type { RawMail } from "@/lib/mail/sender";
import { copyHeaders } from "@/lib/deliverability/copy-headers";
import { feedbackId, mailbox, mimeMessage, mimeTemplate, type MimeTemplate } from "./mime";
import { personalise } from "./render";

/** An issue ready to send: its frozen parts, and the same pre-encoded as MIME. */
export type PreparedIssue = { frozen: FrozenIssue; mime: MimeTemplate };

/** One newsletter email for one recipient. */
export type NewsletterMail = {
  to: string;
  issue: PreparedIssue;
  unsubscribeUrl: string;
  /** Stable per delivery, so a copy re-sent after a crash carries the same Message-ID. */
  messageId: string;
  /** The delivery row: its token goes in the copy's headers and VERP Return-Path. */
  deliveryId?: string;
};

export function prepareIssue(frozen: FrozenIssue, issueId?: number, newsletter = "main"): PreparedIssue {
  const host = new URL(env.siteUrl).hostname;
  // RFC 2919: a phrase and the list's own id, <newsletter.example.com>.
  const listId = mailbox(`${env.siteName} newsletter`, `newsletter.${host}`);
  const feedback = issueId === undefined ? undefined : feedbackId(issueId, newsletter, host);
  return { frozen, mime: mimeTemplate(frozen, { from: env.emailFrom, listId, feedbackId: feedback }) };
}

export function issueMail(mail: NewsletterMail): RawMail {
  const { to, messageId, unsubscribeUrl, issue, deliveryId } = mail;
  const own = deliveryId ? copyHeaders(deliveryId) : null;
  return {
    to,
    messageId,
    returnPath: own?.returnPath,
    mime: mimeMessage(issue.mime, { to, messageId, unsubscribeUrl, headers: own?.headers }),
    // Embedded demo: the same email as the dev mailbox shows it.
    devCopy: () => personalise(issue.frozen, unsubscribeUrl),
  };
}
