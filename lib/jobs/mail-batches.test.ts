// Integration: a burst of sign-in mail goes out in seconds, one refused address holds back
// none of the others, and a message that fails part-way through a batch sends none of the
// others twice (the in-process worker, a real SMTP server, a real database).
import { afterAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import type { MailMessage } from "@/lib/mail/message";

const smtp = new SmtpRecorder();
process.env.EMAIL_SERVER = `smtp://127.0.0.1:${await smtp.start()}`;

useTestDatabase();
afterAll(() => smtp.stop());

const message = (to: string): MailMessage => ({ to, subject: `Sign in, ${to}`, text: "Your code: 123456", html: "<p>Your code: 123456</p>" });

/**
 * Queues messages in one transaction, so that they become visible together and one fetch
 * takes them as one batch; `unreadableAt` puts a job no worker can open at that place.
 */
async function queueTogether(emails: string[], unreadableAt = -1): Promise<string | null> {
  const { db } = await import("@/lib/db/client");
  const { mailOutbox } = await import("@/lib/mail/outbox");
  const { getBoss, inTransaction, QUEUES } = await import("./boss");
  const outbox = await mailOutbox();
  const boss = await getBoss();
  let unreadable: string | null = null;
  await db.transaction(async (tx) => {
    for (const [i, to] of emails.entries()) {
      if (i === unreadableAt) {
        // What a job sealed under another AUTH_SECRET looks like to this process.
        unreadable = await boss.send(QUEUES.mail.name, { sealed: "sealed by another key" }, { ...QUEUES.mail.options, db: inTransaction(tx) });
      }
      await outbox.enqueue(tx, message(to));
    }
  });
  return unreadable;
}

describe("the mail worker", () => {
  it("delivers a burst of 60 queued sign-in mails within seconds, and a refused address delays no other", async () => {
    smtp.script = ({ command, to }) =>
      command === "RCPT TO" && to?.startsWith("refused") ? { code: 550, message: "5.1.1 mailbox unavailable" } : null;
    const emails = Array.from({ length: 60 }, (_, i) => (i === 7 ? "refused@example.com" : `burst-${i}@example.com`));
    await queueTogether(emails);
    const { startWorkers } = await import("./worker");
    const started = Date.now();
    await startWorkers();
    // pg-boss polls every half second; one message per fetch took 30 s for these.
    await waitUntil(() => smtp.accepted.length === 59, 12_000, "59 messages");
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(smtp.duplicates()).toEqual([]);
    expect(smtp.count("refused@example.com")).toBe(0);
  });

  it("a message that cannot be read, or is refused for now, part-way through a batch makes no other go twice", async () => {
    const { getBoss, QUEUES } = await import("./boss");
    const boss = await getBoss();
    const emails = Array.from({ length: 12 }, (_, i) => `batch-${i}@example.com`);
    // The ninth is refused for now (4xx) the first time, accepted on its retry.
    smtp.script = ({ command, to, attempt }) =>
      command === "RCPT TO" && to === "batch-8@example.com" && attempt === 1 ? { code: 451, message: "4.3.0 try again later" } : null;
    const unreadable = await queueTogether(emails, 5);

    // When a batch handler threw, pg-boss failed the whole batch and each retry sent the
    // batch-mates that had already gone out again. Wait until the unreadable job has been
    // retried twice and is waiting again: every retry its batch-mates could have had is
    // then over, whatever the backoff's random part drew.
    await waitUntil(
      async () => {
        const job = await boss.getJobById(QUEUES.mail.name, unreadable!);
        return (job?.retryCount ?? 0) >= 2 && job?.state === "retry";
      },
      30_000,
      "the unreadable job's second retry",
    );
    await waitUntil(() => smtp.count("batch-8@example.com") >= 1, 10_000, "the refused message's retry");
    expect(Object.fromEntries(emails.map((e) => [e, smtp.count(e)]))).toEqual(Object.fromEntries(emails.map((e) => [e, 1])));
    expect(smtp.duplicates()).toEqual([]);
  }, 60_000);
});
