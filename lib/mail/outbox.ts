import "server-only";
import { seal, unseal } from "@/lib/auth/crypto";
import type { Executor } from "@/lib/db/client";
import { getBoss, inTransaction, QUEUES } from "@/lib/jobs/boss";
import type { MailMessage } from "./message";

type MailJob = { sealed: string };

export type MailOutbox = {
  /**
   * Queues a message in the same transaction as the change that needs it. The body is
   * sealed, since a sign-in mail carries a live token.
   */
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

export function openMailJob(data: unknown): MailMessage {
  return JSON.parse(unseal((data as MailJob).sealed)) as MailMessage;
}
