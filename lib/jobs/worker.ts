import "server-only";
import { deliver } from "@/lib/mail/transport";
import { openMailJob } from "@/lib/mail/outbox";
import { startNewsletterWorkers } from "@/lib/newsletter/send/workers";
import { getBoss, QUEUES } from "./boss";

const g = globalThis as unknown as { __ledeWorkers?: Promise<void> };

/** Starts this process's queue workers once. Any number of processes may run them. */
export function startWorkers(): Promise<void> {
  g.__ledeWorkers ??= (async () => {
    const boss = await getBoss();
    await boss.work(QUEUES.mail.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      const message = openMailJob(job.data);
      try {
        await deliver(message);
      } catch (err) {
        console.error(`[mail] delivery to ${message.to} failed, will retry: ${(err as Error).message}`);
        throw err;
      }
    });
    await startNewsletterWorkers(boss);
  })().catch((err) => {
    g.__ledeWorkers = undefined;
    throw err;
  });
  return g.__ledeWorkers;
}
