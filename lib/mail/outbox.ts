import "server-only";
import { seal, unseal } from "@/lib/auth/crypto";
import { env } from "@/lib/env";
import type { MailMessage } from "./message";
import { signInMail } from "./templates/signin";

/**
 * A queued sign-in mail job's data (the job is written by lib/auth/sign-in-tokens.ts in
 * the statement that makes the link and code). The fields are sealed (authenticated
 * encryption), since they hold a live link and code; the worker renders the mail.
 * `newAccount` is only known to that statement, so it stays outside the seal.
 */
type MailJob = { sealed: string; newAccount?: boolean };

type SignInFields = { to: string; token: string; code: string; articleTitle: string | null };

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
  // A whole message: queued by a version of Lede before this one.
  if (!("signIn" in sealed)) return sealed;
  const { to, token, code, articleTitle } = sealed.signIn;
  return signInMail({ to, siteName: env.siteName, link: verifyUrl(token), code, articleTitle, isNewAccount: job.newAccount === true });
}
