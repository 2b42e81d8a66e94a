import "server-only";
import type { Executor } from "@/lib/db/client";
import { getBoss, inTransaction, QUEUES } from "@/lib/jobs/boss";

export type IssueJob = { issueId: number };

/** Queues the fan-out of an issue; at most one waits per issue (queue policy "short"). */
export async function enqueueFanout(issueId: number, tx?: Executor): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.newsletterFanout.name, { issueId } satisfies IssueJob, {
    singletonKey: `fanout:${issueId}`,
    ...(tx ? { db: inTransaction(tx) } : {}),
  });
}

/** Queues a send job; one with the same key already waiting makes this a no-op. */
export async function enqueueSend(issueId: number, key: string, tx?: Executor): Promise<void> {
  const boss = await getBoss();
  await boss.send(QUEUES.newsletterSend.name, { issueId } satisfies IssueJob, {
    singletonKey: key,
    ...(tx ? { db: inTransaction(tx) } : {}),
  });
}
