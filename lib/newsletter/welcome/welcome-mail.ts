import "server-only";
import { keyedHash } from "@/lib/auth/crypto";
import type { Newsletter } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import type { MailMessage } from "@/lib/mail/message";
import { listIdOf } from "../compose/issue-mail";
import { mailbox, parseFrom } from "../compose/mime";
import { personalise, renderIssue } from "../compose/render";
import { unsubscribeUrl } from "../unsubscribe-token";

type WelcomeOf = Pick<Newsletter, "id" | "name" | "senderName" | "welcomeSubject" | "welcomeBody">;

/** The welcome as rendered now (for the desk's preview, with the editor's own links). */
export function renderWelcome(newsletter: WelcomeOf) {
  return renderIssue(
    { subject: newsletter.welcomeSubject, intro: newsletter.welcomeBody, articles: [] },
    { siteName: env.siteName, siteUrl: env.siteUrl, newsletterName: newsletter.name },
  );
}

/**
 * One reader's welcome mail: the newsletter's sender name, its List-Id, and a
 * List-Unsubscribe (one click, RFC 8058) that leaves this newsletter only. Its Message-ID is
 * the same however often it is made for this reader and newsletter.
 */
export function welcomeMail(newsletter: WelcomeOf, reader: { userId: string; to: string }): MailMessage {
  const one = unsubscribeUrl(reader.userId, newsletter.id);
  const all = unsubscribeUrl(reader.userId, "all");
  const copy = personalise(renderWelcome(newsletter), one, all);
  const host = new URL(env.siteUrl).hostname;
  const list = listIdOf(newsletter.id, `${env.siteName}: ${newsletter.name}`);
  const from = parseFrom(env.emailFrom);
  return {
    to: reader.to,
    subject: copy.subject,
    text: copy.text,
    html: copy.html,
    from: newsletter.senderName.trim() ? mailbox(newsletter.senderName.trim(), from.address) : undefined,
    messageId: `<welcome.${newsletter.id}.${keyedHash("welcome", reader.userId).slice(0, 24)}@${host}>`,
    headers: {
      "List-Id": mailbox(list.name, list.id),
      "List-Unsubscribe": `<${one}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}
