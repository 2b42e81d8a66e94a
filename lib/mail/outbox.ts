import "server-only";
import { seal, unseal } from "@/lib/auth/crypto";
import type { Executor } from "@/lib/db/client";
import { getBoss, inTransaction, QUEUES } from "@/lib/jobs/boss";
import type { MailMessage } from "./message";

type MailJob = { sealed: string };

/**
 * Queues a message in the same transaction as the change that needs it. The body is
 * sealed, since a sign-in mail carries a live token.
 */
export async function enqueueMail(tx: Executor, message: MailMessage): Promise<void> {
  const boss = await getBoss();
  const data: MailJob = { sealed: seal(JSON.stringify(message)) };
  await boss.send(QUEUES.mail.name, data, { ...QUEUES.mail.options, db: inTransaction(tx) });
}

export function openMailJob(data: unknown): MailMessage {
  return JSON.parse(unseal((data as MailJob).sealed)) as MailMessage;
}
