import "server-only";
import type { DeskAuditEntry } from "@/lib/db/schema";
import { recentAudit } from "./audit";
import { meterHistory, type MeterChange } from "./meter-history";

/** One change made at the desk: to an article, or to the meter. */
export type DeskChange = { kind: "article"; entry: DeskAuditEntry } | { kind: "meter"; entry: MeterChange };

/** The desk's latest changes, articles' and the meter's together, newest first. */
export async function recentDeskChanges(limit = 20): Promise<DeskChange[]> {
  const [audit, meter] = await Promise.all([recentAudit(limit), meterHistory(limit)]);
  const all: DeskChange[] = [
    ...audit.map((entry) => ({ kind: "article" as const, entry })),
    ...meter.map((entry) => ({ kind: "meter" as const, entry })),
  ];
  return all.sort((a, b) => b.entry.at.getTime() - a.entry.at.getTime()).slice(0, limit);
}
