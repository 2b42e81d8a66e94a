import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { openWork } from "./deliveries";
import { finishIfDone } from "./finish";
import { newsletterQueues } from "./queues";
import { guardIssue } from "@/lib/deliverability/guard";

/**
 * Every worker process runs this every few seconds. It is what makes a killed worker's
 * share get done: a fan-out that stopped moving is queued again, rows whose lease ran out
 * (or whose retry time came) get a send job, and finished issues are closed.
 */
export async function recoverStalledIssues(): Promise<void> {
  const sending = await db
    .select({
      id: newsletterIssues.id,
      fannedOutAt: newsletterIssues.fannedOutAt,
      fanoutAt: newsletterIssues.fanoutAt,
      sendStartedAt: newsletterIssues.sendStartedAt,
    })
    .from(newsletterIssues)
    .where(eq(newsletterIssues.status, "sending"));
  if (sending.length === 0) return;
  const queues = await newsletterQueues();
  const staleBefore = Date.now() - env.newsletter.leaseSeconds * 1000;
  for (const issue of sending) {
    // Complaints and bounces heard while fewer copies than the guard's minimum had gone
    // out are weighed again as the copies go out.
    if (await guardIssue(issue.id)) continue;
    if (!issue.fannedOutAt) {
      const moved = issue.fanoutAt ?? issue.sendStartedAt;
      if (!moved || moved.getTime() < staleBefore) await queues.fanout(issue.id);
    }
    const work = await openWork(issue.id);
    if (work.due || work.stale) await queues.send(issue.id, `${issue.id}:sweep`);
    else if (!work.open) await finishIfDone(issue.id);
  }
}

/** Seconds between sweeps: often enough that a lease that ran out is noticed quickly. */
export function recoveryIntervalMs(): number {
  return Math.max(500, Math.min(5_000, (env.newsletter.leaseSeconds * 1000) / 2));
}
