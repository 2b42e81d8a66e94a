import "server-only";
import type PgBoss from "pg-boss";
import { QUEUES } from "@/lib/jobs/boss";
import { closeMailSender } from "@/lib/mail/sender";
import { runFanout } from "./fan-out";
import type { IssueJob } from "./queues";
import { runSendJob } from "./send-batch";
import { recoveryIntervalMs, recoverStalledIssues } from "./recover-stalled";
import { startDueSchedules } from "../schedule/scheduled";
import { sendDueWelcomes } from "../welcome/welcome-sweep";
import { makeDueDigests } from "../digest/digest";
import { decideSubjectTests } from "./subject-test";

/** Two send workers per process, so one job's last messages overlap the next job's first. */
const SEND_WORKERS = 2;

const g = globalThis as { __ledeNewsletterSweep?: NodeJS.Timeout };

/** Registers this process's newsletter workers and starts its sweeper. */
export async function startNewsletterWorkers(boss: PgBoss): Promise<void> {
  await boss.work<IssueJob>(QUEUES.newsletterFanout.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    await runFanout(job.data.issueId);
  });
  for (let i = 0; i < SEND_WORKERS; i++) {
    await boss.work<IssueJob>(QUEUES.newsletterSend.name, { batchSize: 1, pollingIntervalSeconds: 0.5 }, async ([job]) => {
      await runSendJob(job.data.issueId);
    });
  }
  if (!g.__ledeNewsletterSweep) {
    let running = false;
    const sweep = async () => {
      if (running) return;
      running = true;
      try {
        // Each on its own: one failing (a database blip) holds back none of the others.
        for (const [what, step] of [
          // Digests first: one sent on its own is a schedule due now, started just after.
          ["digests", () => makeDueDigests()],
          ["scheduled sends", () => startDueSchedules()],
          ["sending issues", recoverStalledIssues],
          ["welcome mail", sendDueWelcomes],
          ["subject tests", () => decideSubjectTests()],
        ] as const) {
          try {
            await step();
          } catch (err) {
            console.error(`[newsletter] sweep of ${what} failed: ${(err as Error).message}`);
          }
        }
      } finally {
        running = false;
      }
    };
    g.__ledeNewsletterSweep = setInterval(sweep, recoveryIntervalMs());
    g.__ledeNewsletterSweep.unref();
    void sweep();
    boss.once("stopped", stopNewsletterWorkers);
  }
}

/** Stops the sweeper and closes the SMTP pool (pg-boss stopping stops the jobs). */
export function stopNewsletterWorkers(): void {
  if (g.__ledeNewsletterSweep) clearInterval(g.__ledeNewsletterSweep);
  g.__ledeNewsletterSweep = undefined;
  closeMailSender();
}
