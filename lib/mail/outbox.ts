import "server-only";
import { metrics } from "@/lib/metrics/registry";
import { seal, unseal } from "@/lib/auth/crypto";
import type { Executor } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { sql, type SQL } from "drizzle-orm";
import { rowsOf } from "@/lib/db/rows";
import { BOSS_SCHEMA, getBoss, QUEUES } from "@/lib/jobs/boss";
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
 * The one way mail is queued: a statement (or a CTE of a larger one, as the sign-in
 * statement's, so that a join stays one prepared round trip) that writes one job to the
 * mail queue with the queue's own retry policy, when `when` holds, returning its id.
 * `data` is the job's data as a jsonb expression: { sealed, newAccount? } (MailJob).
 */
export function queueMailStatement(data: SQL, when: SQL = sql`true`): SQL {
  const schema = sql.raw(BOSS_SCHEMA);
  return sql`
      INSERT INTO ${schema}.job
        (name, data, priority, start_after, expire_in, keep_until, retry_limit, retry_delay, retry_backoff, policy)
      SELECT q.name, ${data}, 0, now(), coalesce(q.expire_seconds, 900) * interval '1 second', now() + interval '14 days',
             coalesce(q.retry_limit, 2),
             CASE WHEN coalesce(q.retry_backoff, false) THEN greatest(coalesce(q.retry_delay, 0), 1) ELSE coalesce(q.retry_delay, 0) END,
             coalesce(q.retry_backoff, false), q.policy
      FROM ${schema}.queue q
      WHERE q.name = ${QUEUES.mail.name} AND ${when}
      RETURNING id`;
}

/**
 * Open the outbox before opening the transaction: it makes sure the queue exists, which
 * needs statements of its own that PGlite's single connection cannot run while a
 * transaction holds it.
 */
export async function mailOutbox(): Promise<MailOutbox> {
  await getBoss();
  return {
    async enqueue(tx, message) {
      const data: MailJob = { sealed: seal(JSON.stringify(message)) };
      const [{ queued }] = rowsOf<{ queued: number }>(
        await tx.execute(sql`WITH mail AS (${queueMailStatement(sql`${JSON.stringify(data)}::jsonb`)}) SELECT count(*)::int AS queued FROM mail`),
      );
      if (queued !== 1) throw new Error("the mail queue refused the message");
      metrics().mails.inc({ kind: "transactional", outcome: "queued" });
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
