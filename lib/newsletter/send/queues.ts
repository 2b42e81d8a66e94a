import "server-only";
import type { Executor } from "@/lib/db/client";
import { getBoss, inTransaction, QUEUES } from "@/lib/jobs/boss";

export type IssueJob = { issueId: number };

export type NewsletterQueues = {
  /** Queues the fan-out of an issue; at most one waits per issue (queue policy "short"). */
  fanout(issueId: number, tx?: Executor): Promise<void>;
  /** Queues a send job; one with the same key already waiting makes this a no-op. */
  send(issueId: number, key: string, tx?: Executor): Promise<void>;
};

/**
 * Open the queues before opening a transaction that uses them: starting pg-boss runs
 * statements of its own, which PGlite's single connection cannot run inside one.
 */
export async function newsletterQueues(): Promise<NewsletterQueues> {
  const boss = await getBoss();
  const options = (key: string, tx?: Executor) => ({ singletonKey: key, ...(tx ? { db: inTransaction(tx) } : {}) });
  return {
    async fanout(issueId, tx) {
      await boss.send(QUEUES.newsletterFanout.name, { issueId } satisfies IssueJob, options(`fanout:${issueId}`, tx));
    },
    async send(issueId, key, tx) {
      await boss.send(QUEUES.newsletterSend.name, { issueId } satisfies IssueJob, options(key, tx));
    },
  };
}
