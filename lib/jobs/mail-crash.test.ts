// Integration: `npm run worker` killed part-way through a batch of sign-in mail. What the
// SMTP server accepted before the kill is recorded as sent; after the rest expire and are
// retried by a new worker, every address has exactly one copy.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { mailOutbox } from "@/lib/mail/outbox";
import { getBoss, QUEUES } from "./boss";

const database = useTestDatabase();
const smtp = new SmtpRecorder();
afterAll(() => smtp.stop());

const root = path.resolve(__dirname, "../..");
const SENT_BEFORE_KILL = 7;

// In a process group of its own: tsx runs the worker in a child process, and a SIGKILL
// to tsx alone would leave that child running.
function startWorker(port: number): ChildProcess {
  return spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: database.url(), EMAIL_SERVER: `smtp://127.0.0.1:${port}` },
    stdio: "ignore",
    detached: true,
  });
}

async function killed(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return;
  const gone = new Promise((r) => worker.once("exit", r));
  process.kill(-worker.pid!, "SIGKILL");
  await gone;
}

async function mailJobs(state: string): Promise<number> {
  const rows = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.mail.name} and state = ${state}`),
  );
  return rows[0].n;
}

describe.skipIf(!usingPostgres)("a mail worker killed mid-batch", () => {
  it("keeps what went out as sent, and the retries send every other address exactly once", async () => {
    const port = await smtp.start();
    const emails = Array.from({ length: 20 }, (_, i) => `crash-${i}@example.com`);
    const outbox = await mailOutbox();
    // One transaction: one worker fetch takes all 20 as one batch.
    await db.transaction(async (tx) => {
      for (const to of emails) await outbox.enqueue(tx, { to, subject: "Sign in", text: "code 123456", html: "<p>code 123456</p>" });
    });

    // The server accepts 7 messages, then reads the others and never answers them.
    smtp.holdAfter = SENT_BEFORE_KILL;
    let worker = startWorker(port);
    try {
      await waitUntil(() => smtp.accepted.length === SENT_BEFORE_KILL && smtp.holding, 30_000, "7 accepted messages");
      // Each accepted message is recorded as sent on its own, while the batch is still
      // waiting for the others (pg-boss's batch handler would record none until all end).
      await waitUntil(async () => (await mailJobs("completed")) === SENT_BEFORE_KILL, 10_000, "7 completed jobs");
      await killed(worker);
      expect(await mailJobs("active")).toBe(emails.length - SENT_BEFORE_KILL);

      // The dead worker's jobs stay active until they expire (120 s), and pg-boss's
      // supervisor, every 2 minutes, retries expired jobs. Instead of waiting 4 minutes:
      // their start moved back past the expiry, then the supervisor's own pass.
      smtp.holding = false;
      smtp.holdAfter = Number.POSITIVE_INFINITY;
      await db.execute(sql`update pgboss.job set started_on = now() - interval '1 hour' where name = ${QUEUES.mail.name} and state = 'active'`);
      await (await getBoss()).maintain();
      expect(await mailJobs("retry")).toBe(emails.length - SENT_BEFORE_KILL);

      worker = startWorker(port);
      // Done when every job is completed: nothing is left that could still be sent.
      await waitUntil(async () => (await mailJobs("completed")) === emails.length, 60_000, "every job completed");
      expect(Object.fromEntries(emails.map((e) => [e, smtp.count(e)]))).toEqual(Object.fromEntries(emails.map((e) => [e, 1])));
    } finally {
      await killed(worker);
    }
  }, 120_000);
});
