// One recipient's newsletter email, as the mail sender (lib/mail/sender.ts) takes it.
import type { FrozenIssue } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { RawMail } from "@/lib/mail/sender";
import { mailbox, mimeMessage, mimeTemplate, type MimeTemplate } from "./mime";
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
};

export function prepareIssue(frozen: FrozenIssue): PreparedIssue {
  const host = new URL(env.siteUrl).hostname;
  // RFC 2919: a phrase and the list's own id, <newsletter.example.com>.
  const listId = mailbox(`${env.siteName} newsletter`, `newsletter.${host}`);
  return { frozen, mime: mimeTemplate(frozen, { from: env.emailFrom, listId }) };
}

export function issueMail(mail: NewsletterMail): RawMail {
  const { to, messageId, unsubscribeUrl, issue } = mail;
  return {
    to,
    messageId,
    mime: mimeMessage(issue.mime, { to, messageId, unsubscribeUrl }),
    // Embedded demo: the same email as the dev mailbox shows it.
    devCopy: () => personalise(issue.frozen, unsubscribeUrl),
  };
}
