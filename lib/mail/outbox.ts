import "server-only";
import { seal, unseal } from "@/lib/auth/crypto";
import type { Executor } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { getBoss, inTransaction, QUEUES } from "@/lib/jobs/boss";
import type { MailMessage } from "./message";
import { signInMail } from "./templates/signin";

/**
 * A queued mail job's data: a whole message, or the fields of a sign-in mail (written by
 * lib/auth/sign-in-tokens.ts in the statement that makes the link and code), which the
 * worker renders. Sealed (authenticated encryption), since a sign-in mail holds a live
 * link and code. `newAccount` is only known to that statement, so it stays outside.
 */
type MailJob = { sealed: string; newAccount?: boolean };

type SignInFields = { to: string; token: string; code: string; articleTitle: string | null };

export type MailOutbox = {
  /** Queues a whole message in the same transaction as the change that needs it. */
  enqueue(tx: Executor, message: MailMessage): Promise<void>;
};

/**
 * Open the outbox before opening the transaction: starting the queue needs its own
 * statements, which PGlite's single connection cannot run while a transaction holds it.
 */
export async function mailOutbox(): Promise<MailOutbox> {
  const boss = await getBoss();
  return {
    async enqueue(tx, message) {
      const data: MailJob = { sealed: seal(JSON.stringify(message)) };
      const id = await boss.send(QUEUES.mail.name, data, { ...QUEUES.mail.options, db: inTransaction(tx) });
      if (!id) throw new Error("the mail queue refused the message");
    },
  };
}

export function sealSignInMail(fields: SignInFields): string {
  return seal(JSON.stringify({ signIn: fields }));
}

/** The address a sign-in link opens: the token alone says which sign-in it is. */
export function verifyUrl(token: string): string {
  return `${env.siteUrl}/signin/verify?${new URLSearchParams({ token })}`;
}

export function openMailJob(data: unknown): MailMessage {
  const job = data as MailJob;
  const sealed = JSON.parse(unseal(job.sealed)) as { signIn: SignInFields } | MailMessage;
  // A whole message (mailOutbox().enqueue).
  if (!("signIn" in sealed)) return sealed;
  const { to, token, code, articleTitle } = sealed.signIn;
  return signInMail({ to, siteName: env.siteName, link: verifyUrl(token), code, articleTitle, isNewAccount: job.newAccount === true });
}
