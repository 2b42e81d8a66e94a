import "server-only";
import { startNewsletterWorkers } from "@/lib/newsletter/send/workers";
import { beforeBossStops, getBoss, QUEUES, runsWorkers } from "./boss";
import { CLEANUP_CRON, describeCleanup, runCleanup } from "./cleanup";
import { startMailWorker } from "./mail-worker";
import { env } from "@/lib/config/env";
import { readBounceMailbox } from "@/lib/deliverability/mailbox";

const g = globalThis as { __ledeWorkers?: Promise<void> };

/** Starts this process's queue workers once. Any number of processes may run them. */
export function startWorkers(): Promise<void> {
  g.__ledeWorkers ??= (async () => {
    runsWorkers();
    const boss = await getBoss();
    await startNewsletterWorkers(boss);
    await boss.work(QUEUES.cleanup.name, { batchSize: 1, pollingIntervalSeconds: 30 }, async () => {
      const done = await runCleanup();
      const line = describeCleanup(done);
      if (line) console.log(`[cleanup] ${line}`);
    });
    // Every process that runs workers registers the same schedule (an upsert by name).
    await boss.schedule(QUEUES.cleanup.name, CLEANUP_CRON, undefined, { tz: "UTC" });
    if (env.bounceImapUrl) {
      await boss.work(QUEUES.bounceMailbox.name, { batchSize: 1, pollingIntervalSeconds: 15 }, async () => {
        const run = await readBounceMailbox();
        if (run && run.acted > 0) console.log(`[bounce mailbox] acted on ${run.acted} reports; ${run.unparsed} left unread`);
      });
      await boss.schedule(QUEUES.bounceMailbox.name, "* * * * *", undefined, { tz: "UTC" });
    }
    beforeBossStops(startMailWorker(boss).stop);
  })().catch((err) => {
    g.__ledeWorkers = undefined;
    throw err;
  });
  return g.__ledeWorkers;
}
