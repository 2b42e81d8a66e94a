import "server-only";
import net from "node:net";
import nodemailer, { type SentMessageInfo, type Transporter } from "nodemailer";
import addressparser from "nodemailer/lib/addressparser";
import { parseConnectionUrl } from "nodemailer/lib/shared";
import { db } from "@/lib/db/client";
import { devMailbox } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { devMailboxActive } from "./dev-mailbox";
import { dkimOptions } from "./dkim";
import { MessageBuffers } from "./message-buffers";
import { composedMime } from "./mime";
import type { MailMessage } from "./message";
import { classifySmtpError, type SendOutcome } from "./smtp-outcome";

/**
 * A message already encoded as MIME (a newsletter: its parts are encoded once per issue,
 * see lib/newsletter/compose/mime.ts), with what the dev mailbox shows of it instead.
 */
export type RawMail = {
  to: string;
  /** Stable per delivery, so a copy re-sent after a crash carries the same Message-ID. */
  messageId: string;
  /** The whole RFC 5322 message, 7-bit. */
  mime: string;
  /** The envelope sender (MAIL FROM) when it is not EMAIL_FROM's address: a VERP address. */
  returnPath?: string;
  devCopy: () => { subject: string; text: string; html: string };
};

/** One mail: composed here from its parts (sign-in mail), or raw MIME. */
export type Outgoing = MailMessage | RawMail;

export type MailSender = { send(mail: Outgoing): Promise<SendOutcome> };

const isRaw = (mail: Outgoing): mail is RawMail => "mime" in mail;

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

/** One pool per process for every mail, DKIM-signed when DKIM_* is set. */
function smtpPool(url: string): Transporter {
  return nodemailer.createTransport({
    ...parseConnectionUrl(url),
    pool: true,
    maxConnections: env.newsletter.smtpConnections,
    maxMessages: 500,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
    // nodemailer's type for getSocket is looser than what it calls it with.
    getSocket: connectNoDelay as never,
    dkim: dkimOptions(env.dkim),
  });
}

/** Accepted, or why not: the first refused recipient's answer. */
function outcomeOf(info: SentMessageInfo): SendOutcome {
  const refused = info.rejectedErrors?.[0] ?? (info.rejected?.length || info.pending?.length ? new Error("recipient refused") : null);
  return refused ? classifySmtpError(refused) : { kind: "sent" };
}

function smtpSender(transport: Transporter): MailSender {
  const buffers = new MessageBuffers();
  const from = addressparser(env.emailFrom, { flatten: true })[0]?.address ?? env.emailFrom;
  return {
    async send(mail) {
      let raw: { mime: string; envelopeFrom: string; messageId: string; to: string };
      if (isRaw(mail)) raw = { mime: mail.mime, envelopeFrom: mail.returnPath ?? from, messageId: mail.messageId, to: mail.to };
      else {
        // Built here (lib/mail/mime.ts); nodemailer composes only what that leaves to it.
        const built = composedMime(mail, env.emailFrom);
        if (!built) {
          const { to, subject, text, html, headers, from: sender, messageId } = mail;
          return transport.sendMail({ from: sender ?? env.emailFrom, to, subject, text, html, headers, messageId }).then(outcomeOf, classifySmtpError);
        }
        raw = { mime: built.mime, envelopeFrom: built.from, messageId: built.messageId, to: mail.to };
      }
      // nodemailer is done with the bytes once sendMail settles (a requeue after a dropped
      // connection happens before that), so the buffer is handed back only then.
      const { bytes, release } = buffers.borrow(raw.mime);
      try {
        // messageId: already in the raw message; given here too so nodemailer does not make one up.
        const info = await transport.sendMail({ envelope: { from: raw.envelopeFrom, to: [raw.to] }, messageId: raw.messageId, raw: bytes });
        return outcomeOf(info);
      } catch (err) {
        return classifySmtpError(err);
      } finally {
        release();
      }
    },
  };
}

/**
 * Embedded demo only (no DATABASE_URL, no EMAIL_SERVER): every mail lands in
 * /dev/mailbox, and a composed one is also named in the server log with its `logLine`
 * (the sign-in link). Otherwise, without EMAIL_SERVER, nothing can be sent and the mail
 * waits in its queue (`npm start` refuses that setting).
 */
const devSender: MailSender = {
  async send(mail) {
    if (!devMailboxActive()) return { kind: "temporary", reason: "EMAIL_SERVER is not set, and the dev mailbox exists only without DATABASE_URL" };
    const { subject, text, html } = isRaw(mail) ? mail.devCopy() : mail;
    await db.insert(devMailbox).values({ to: mail.to, subject, text, html });
    if (!isRaw(mail)) console.log(`[dev mailbox] to ${mail.to}: ${subject}${mail.logLine ? `\n  ${mail.logLine}` : ""}`);
    return { kind: "sent" };
  },
};

const g = globalThis as unknown as { __ledeMailSender?: MailSender; __ledeMailPool?: Transporter };

/** This process's one mail sender: a pooled SMTP transport when EMAIL_SERVER is set, else the dev mailbox. */
export function mailSender(): MailSender {
  if (!g.__ledeMailSender) {
    if (env.emailServer) {
      g.__ledeMailPool = smtpPool(env.emailServer);
      g.__ledeMailSender = smtpSender(g.__ledeMailPool);
    } else {
      g.__ledeMailSender = devSender;
    }
  }
  return g.__ledeMailSender;
}

/** Closes the pool's connections; the next send opens a new one. */
export function closeMailSender(): void {
  g.__ledeMailPool?.close();
  g.__ledeMailPool = undefined;
  g.__ledeMailSender = undefined;
}
