import "server-only";
import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { devMailbox } from "@/lib/db/schema";
import { env } from "@/lib/env";
import type { MailMessage } from "./message";

const g = globalThis as unknown as { __ledeSmtp?: Transporter };

function smtp(url: string): Transporter {
  g.__ledeSmtp ??= nodemailer.createTransport(url);
  return g.__ledeSmtp;
}

/** Delivers one message now: over SMTP when EMAIL_SERVER is set, else to /dev/mailbox. */
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
  await db.insert(devMailbox).values({
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
  });
  console.log(`[dev mailbox] to ${message.to}: ${message.subject}${message.logLine ? `\n  ${message.logLine}` : ""}`);
}
