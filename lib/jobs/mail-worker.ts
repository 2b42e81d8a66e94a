import "server-only";
import type PgBoss from "pg-boss";
import { openMailJob } from "@/lib/mail/outbox";
import { mailSender } from "@/lib/mail/sender";
import type { SendOutcome } from "@/lib/mail/smtp-outcome";
import { QUEUES } from "./boss";
import { metrics } from "@/lib/metrics/registry";

// Up to this many messages go out at once; a full batch means more are waiting, so the
// worker fetches again at once instead of after the idle pause.
const MAIL_BATCH = 20;
const IDLE_MS = 500;
const STOP_WAIT_MS = 10_000;

/**
 * The sign-in mail worker: fetches up to MAIL_BATCH jobs and records each one's outcome
 * the moment its own send ends, completed once the SMTP server accepted it, failed (and
 * retried later by pg-boss) when not.
 *
 * Not `boss.work()`: its batch handler completes every job of the batch when the handler
 * returns and fails every unfinished one when it throws, so anything thrown after some
 * messages went out sends those again, and a crash mid-batch leaves every sent job active
 * until it expires and is retried. Worse, a job failed early in a long batch can be fetched
 * again by another worker, and then the batch's closing "complete all" marks that new
 * attempt done whatever becomes of it.
 */
export function startMailWorker(boss: PgBoss): { stop: () => Promise<void> } {
  let stopping = false;
  let wake: (() => void) | null = null;
  const pause = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, IDLE_MS);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    }).finally(() => (wake = null));

  const complete = completer(boss);
  const loop = (async () => {
    while (!stopping) {
      let fetched = 0;
      try {
        // pg-boss's fetch answers [] when the database fails; the pause keeps that from spinning.
        const jobs = await boss.fetch<unknown>(QUEUES.mail.name, { batchSize: MAIL_BATCH });
        fetched = jobs.length;
        await Promise.all(jobs.map((job) => sendOne(boss, job, complete)));
      } catch (err) {
        console.error(`[mail] worker: ${(err as Error).message}`);
      }
      if (fetched < MAIL_BATCH && !stopping) await pause();
    }
  })();

  return {
    async stop() {
      stopping = true;
      wake?.();
      // Lets the messages in flight finish and be recorded, for a while: a job still
      // unrecorded after that stays active and is retried once it expires.
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([loop, new Promise((r) => (timer = setTimeout(r, STOP_WAIT_MS)))]);
      clearTimeout(timer);
    },
  };
}

/**
 * Marks jobs completed as their sends end, with no wait of its own: a send that ends while
 * no write is running is written at once; those that end during a write go together in
 * the next one. Twenty answers arriving at once cost two statements, not twenty.
 */
function completer(boss: PgBoss): (id: string) => Promise<void> {
  let pending: string[] = [];
  let writing: Promise<void> | null = null;
  const drain = async () => {
    while (pending.length > 0) {
      const ids = pending;
      pending = [];
      await record(`complete ${ids.length} job(s)`, () => boss.complete(QUEUES.mail.name, ids));
    }
    writing = null;
  };
  return (id) => {
    pending.push(id);
    writing ??= drain();
    return writing;
  };
}

/** Sends one job's message and records its outcome; never throws. */
async function sendOne(boss: PgBoss, job: PgBoss.Job<unknown>, complete: (id: string) => Promise<void>): Promise<void> {
  const name = QUEUES.mail.name;
  let message: ReturnType<typeof openMailJob>;
  try {
    message = openMailJob(job.data);
  } catch (err) {
    // Sealed under another AUTH_SECRET, say: it fails on its own and holds back no other.
    console.error(`[mail] job ${job.id} cannot be read, will retry: ${(err as Error).message}`);
    await record(`fail job ${job.id}`, () => boss.fail(name, job.id, { message: "unreadable message" }));
    return;
  }
  let outcome: SendOutcome;
  try {
    outcome = await mailSender().send(message);
  } catch (err) {
    // The dev mailbox's database write, say.
    outcome = { kind: "temporary", reason: (err as Error).message };
  }
  metrics().mails.inc({ kind: "transactional", outcome: outcome.kind === "sent" ? "sent" : "failed" });
  if (outcome.kind !== "sent") {
    // Any refusal is retried, up to the queue's retry limit: a reader is waiting for it.
    console.error(`[mail] delivery of job ${job.id} failed (${outcome.kind}), will retry: ${outcome.reason}`);
    await record(`fail job ${job.id}`, () => boss.fail(name, job.id, { message: outcome.reason }));
    return;
  }
  await complete(job.id);
}

/**
 * Writes an outcome, retrying briefly through a database blip. If it still cannot be
 * written the job stays active, and pg-boss retries it once it expires: for a message
 * already sent that is one extra copy, the only way left to not lose it.
 */
async function record(what: string, write: () => Promise<unknown>): Promise<void> {
  for (const wait of [0, 200, 1000, 3000]) {
    if (wait) await new Promise((r) => setTimeout(r, wait));
    try {
      await write();
      return;
    } catch (err) {
      if (wait === 3000) console.error(`[mail] could not ${what}: ${(err as Error).message}`);
    }
  }
}
