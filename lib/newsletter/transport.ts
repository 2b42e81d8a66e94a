import "server-only";
import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { db } from "@/lib/db/client";
import { devMailbox, type FrozenIssue } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { MessageBuffers } from "./compose/message-buffers";
import { mailbox, mimeMessage, mimeTemplate, parseFrom, type MimeTemplate } from "./compose/mime";
import { personalise } from "./compose/render";
import { devMailboxActive } from "@/lib/mail/dev-mailbox";
import { dkimOptions } from "./dkim";
import { classifySmtpError, type SendOutcome } from "./send/smtp-outcome";

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

export type NewsletterSender = { send(mail: NewsletterMail): Promise<SendOutcome> };

export function prepareIssue(frozen: FrozenIssue): PreparedIssue {
  const host = new URL(env.siteUrl).hostname;
  // RFC 2919: a phrase and the list's own id, <newsletter.example.com>.
  const listId = mailbox(`${env.siteName} newsletter`, `newsletter.${host}`);
  return { frozen, mime: mimeTemplate(frozen, { from: env.emailFrom, listId }) };
}

/**
 * nodemailer leaves Nagle's algorithm on, and the last small write of each message
 * ("." after the body) then waits for a delayed ACK: ~40 ms per message per connection.
 * The pool is handed sockets with TCP_NODELAY instead. The socket is returned while still
 * connecting, so a refused connection surfaces as the connection's own error and the
 * pool frees the slot (failing inside getSocket would leak it); greetingTimeout bounds
 * the connect.
 */
function connectNoDelay(options: { host?: string; port?: number; secure?: boolean }, callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? (options.secure ? 465 : 587) });
  socket.setNoDelay(true);
  callback(null, { connection: socket });
}

function smtpPool(url: string): Transporter {
  return nodemailer.createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: env.newsletter.smtpConnections,
    maxMessages: 500,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    getSocket: connectNoDelay as never,
    dkim: dkimOptions(env.dkim),
  });
}

function smtpSender(transport: Transporter): NewsletterSender {
  const buffers = new MessageBuffers();
  return {
    async send(mail) {
      const message = mimeMessage(mail.issue.mime, { to: mail.to, messageId: mail.messageId, unsubscribeUrl: mail.unsubscribeUrl });
      // nodemailer is done with the bytes once sendMail settles (a requeue after a dropped
      // connection happens before that), so the buffer is handed back only then.
      const { bytes, release } = buffers.borrow(message);
      try {
        const info = await transport.sendMail({
          envelope: { from: parseFrom(env.emailFrom).address, to: [mail.to] },
          // Already in the raw message; given here too so nodemailer does not make one up.
          messageId: mail.messageId,
          raw: bytes,
        });
        const refused = info.rejectedErrors?.[0] ?? (info.rejected?.length ? new Error("recipient refused") : null);
        return refused ? classifySmtpError(refused) : { kind: "sent" };
      } catch (err) {
        return classifySmtpError(err);
      } finally {
        release();
      }
    },
  };
}

/** Embedded demo: newsletters land in /dev/mailbox like every other mail. */
const devSender: NewsletterSender = {
  async send(mail) {
    if (!devMailboxActive()) return { kind: "temporary", reason: "EMAIL_SERVER is not set" };
    const copy = personalise(mail.issue.frozen, mail.unsubscribeUrl);
    await db.insert(devMailbox).values({ to: mail.to, subject: copy.subject, text: copy.text, html: copy.html });
    return { kind: "sent" };
  },
};

const g = globalThis as unknown as { __ledeNewsletterSender?: NewsletterSender; __ledeNewsletterPool?: Transporter };

/** This process's newsletter sender: a pooled SMTP transport when EMAIL_SERVER is set. */
export function newsletterSender(): NewsletterSender {
  if (!g.__ledeNewsletterSender) {
    if (env.emailServer) {
      g.__ledeNewsletterPool = smtpPool(env.emailServer);
      g.__ledeNewsletterSender = smtpSender(g.__ledeNewsletterPool);
    } else {
      g.__ledeNewsletterSender = devSender;
    }
  }
  return g.__ledeNewsletterSender;
}

export function closeNewsletterSender(): void {
  g.__ledeNewsletterPool?.close();
  g.__ledeNewsletterPool = undefined;
  g.__ledeNewsletterSender = undefined;
}
