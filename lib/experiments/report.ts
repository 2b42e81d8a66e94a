import "server-only";
import { desc, eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { wallExperiments, type WallVariant } from "@/lib/db/schema";
import { variantName } from "./running";
import { verdict, wilson, type Interval, type Verdict } from "./wilson";

export type VariantFigures = WallVariant & { index: number; name: string; gateViews: number; joins: number; confirmed: number; interval: Interval | null };

export type ExperimentReport = {
  id: number;
  name: string;
  status: "running" | "ended";
  startedAt: Date;
  startedBy: string;
  endedAt: Date | null;
  winner: number | null;
  variants: VariantFigures[];
  verdict: Verdict;
};

/** An experiment's figures per variant: gate views, joins, confirmations, and joins per gate view with its 95% interval. */
export async function experimentReport(id: number): Promise<ExperimentReport | null> {
  const [e] = await db.select().from(wallExperiments).where(eq(wallExperiments.id, id));
  if (!e) return null;
  const counts = rowsOf<{ variant: number; gate_views: number; joins: number; confirmations: number }>(
    await db.execute(sql`SELECT variant, gate_views, joins, confirmations FROM experiment_traffic WHERE experiment_id = ${id}`),
  );
  const variants = e.variants.map((v, index) => {
    const c = counts.find((r) => r.variant === index);
    const gateViews = c?.gate_views ?? 0;
    const joins = c?.joins ?? 0;
    return { ...v, index, name: variantName(index), gateViews, joins, confirmed: c?.confirmations ?? 0, interval: wilson(joins, gateViews) };
  });
  return {
    id: e.id,
    name: e.name,
    status: e.status,
    startedAt: e.startedAt,
    startedBy: e.startedBy,
    endedAt: e.endedAt,
    winner: e.winner,
    variants,
    verdict: verdict(variants),
  };
}

/** The running experiment's report, if one runs, and the last few that ended. */
export async function experimentsForDesk(): Promise<{ running: ExperimentReport | null; ended: ExperimentReport[] }> {
  const rows = await db.select({ id: wallExperiments.id, status: wallExperiments.status }).from(wallExperiments).orderBy(desc(wallExperiments.id)).limit(6);
  const reports = (await Promise.all(rows.map((r) => experimentReport(r.id)))).filter((r): r is ExperimentReport => r !== null);
  return { running: reports.find((r) => r.status === "running") ?? null, ended: reports.filter((r) => r.status === "ended").slice(0, 5) };
}
