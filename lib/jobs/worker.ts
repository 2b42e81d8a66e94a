import "server-only";
import { deliver } from "@/lib/mail/transport";
import { openMailJob } from "@/lib/mail/outbox";
import { startNewsletterWorkers } from "@/lib/newsletter/send/workers";
import { getBoss, QUEUES, runsWorkers } from "./boss";
import { CLEANUP_CRON, describeCleanup, runCleanup } from "./cleanup";

const g = globalThis as unknown as { __ledeWorkers?: Promise<void> };

// Up to this many messages go out at once; a full batch means more are waiting, so the
// worker fetches again at once instead of after the polling interval (pg-boss waits
// up to half a second between fetches, which held delivery to two messages a second).
const MAIL_BATCH = 20;

/** Starts this process's queue workers once. Any number of processes may run them. */
export function startWorkers(): Promise<void> {
  g.__ledeWorkers ??= (async () => {
    runsWorkers();
    const boss = await getBoss();
    let workerId = "";
    workerId = await boss.work(QUEUES.mail.name, { batchSize: MAIL_BATCH, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      // Each message on its own: a refused address neither holds back nor resends the others.
      const sent = await Promise.allSettled(jobs.map((job) => deliver(openMailJob(job.data))));
      for (const [i, result] of sent.entries()) {
        if (result.status === "fulfilled") continue;
        const message = openMailJob(jobs[i].data);
        console.error(`[mail] delivery to ${message.to} failed, will retry: ${(result.reason as Error).message}`);
        await boss.fail(QUEUES.mail.name, jobs[i].id, { message: (result.reason as Error).message });
      }
      if (jobs.length === MAIL_BATCH) boss.notifyWorker(workerId);
    });
    await startNewsletterWorkers(boss);
    await boss.work(QUEUES.cleanup.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      const done = await runCleanup();
      const line = describeCleanup(done);
      if (line) console.log(`[cleanup] ${line}`);
    });
    // Every process that runs workers registers the same schedule (an upsert by name).
    await boss.schedule(QUEUES.cleanup.name, CLEANUP_CRON, undefined, { tz: "UTC" });
  })().catch((err) => {
    g.__ledeWorkers = undefined;
    throw err;
  });
  return g.__ledeWorkers;
}
