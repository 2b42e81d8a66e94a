import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { wallExperiments, type WallVariant } from "@/lib/db/schema";
import { keptUntilDropped } from "@/lib/cache/drops";
import { EVERYTHING_TAG } from "@/lib/cache/tags";

/** The wall experiment running now: its id and variants (at most one runs at a time). */
export type RunningExperiment = { id: number; name: string; variants: WallVariant[]; startedAt: Date; startedBy: string };

async function readRunning(): Promise<RunningExperiment | null> {
  const [row] = await db
    .select({ id: wallExperiments.id, name: wallExperiments.name, variants: wallExperiments.variants, startedAt: wallExperiments.startedAt, startedBy: wallExperiments.startedBy })
    .from(wallExperiments)
    .where(eq(wallExperiments.status, "running"))
    .limit(1);
  return row ?? null;
}

// Starting and ending an experiment drop every render in every process (lib/experiments/commands.ts),
// and with them this: every process agrees on the experiment once the desk has answered.
const kept = keptUntilDropped(readRunning, (tag) => tag === EVERYTHING_TAG);

export function runningExperiment(): Promise<RunningExperiment | null> {
  return kept("running");
}

/** The running experiment if this process knows it now (`{ value: null }`: none), else undefined. */
export function knownRunningExperiment(): { value: RunningExperiment | null } | undefined {
  return kept.known("running");
}

/** "Variant A" … "Variant D". */
export const variantName = (index: number) => `Variant ${String.fromCharCode(65 + index)}`;
