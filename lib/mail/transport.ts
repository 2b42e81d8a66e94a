import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { devMailbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { devMailboxActive } from "./dev-mailbox";
import type { MailMessage } from "./message";

const g = globalThis as unknown as { __ledeSmtp?: Transporter };

function smtp(url: string): Transporter {
  g.__ledeSmtp ??= nodemailer.createTransport(url);
  return g.__ledeSmtp;
}

/**
 * Delivers one message now: over SMTP when EMAIL_SERVER is set, else (embedded demo
 * only) to /dev/mailbox. With DATABASE_URL and no EMAIL_SERVER it fails, and the mail
 * waits in the queue (`npm start` refuses that setting).
 */
export async function deliver(message: MailMessage): Promise<void> {
  if (env.emailServer) {
    const info = await smtp(env.emailServer).sendMail({
      from: env.emailFrom,
      to: message.to,
      subject: message.subject,
      text: message.text,
      html: message.html,
      headers: message.headers,
    });
    const refused = [...(info.rejected ?? []), ...(info.pending ?? [])];
    if (refused.length > 0) throw new Error(`SMTP refused ${refused.length} recipient(s)`);
    return;
  }
  if (!devMailboxActive()) throw new Error("EMAIL_SERVER is not set, and the dev mailbox exists only without DATABASE_URL");
  await db.insert(devMailbox).values({
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
  });
  console.log(`[dev mailbox] to ${message.to}: ${message.subject}${message.logLine ? `\n  ${message.logLine}` : ""}`);
}
