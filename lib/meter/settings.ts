import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { settingChanges, siteSettings } from "@/lib/db/schema";
import type { Editor } from "@/lib/desk/guard";
import { awaitDrop, keptUntilDropped, recordDrop } from "@/lib/cache/drops";
import { EVERYTHING_TAG } from "@/lib/cache/tags";

/**
 * The meter: how many premium articles marked "metered" a reader without an account
 * may read in full per period before the wall. Off unless the desk switches it on.
 */
export const meterSettingsSchema = z.object({
  enabled: z.boolean(),
  allowance: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(10, "must be at most 10"),
  period: z.enum(["month", "rolling30"], { error: "must be a calendar month or the last 30 days" }),
});

export type MeterSettings = z.infer<typeof meterSettingsSchema>;
export type MeterPeriod = MeterSettings["period"];

export const DEFAULT_METER: MeterSettings = { enabled: false, allowance: 3, period: "month" };

/** The meter's key in site_setting and setting_change. */
export const METER_SETTING_KEY = "meter";
const KEY = METER_SETTING_KEY;

async function readMeterSettings(): Promise<MeterSettings> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY));
  const parsed = meterSettingsSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_METER;
}

const kept = keptUntilDropped(readMeterSettings, (tag) => tag === EVERYTHING_TAG);

/** The meter as it is now; kept in memory until a change of it reaches this process. */
export function meterSettings(): Promise<MeterSettings> {
  return kept(KEY);
}

/** The meter's settings if this process knows them now, else undefined (then ask meterSettings()). */
export function knownMeterSettings(): MeterSettings | undefined {
  return kept.known(KEY)?.value;
}

const same = (a: MeterSettings, b: MeterSettings) => a.enabled === b.enabled && a.allowance === b.allowance && a.period === b.period;

/**
 * The desk's change of the meter: written with who changed it and what it was, and
 * every cached page dropped in every process before this returns (the meter decides
 * what every premium page shows). A save that changes nothing writes nothing, drops
 * nothing, and answers false.
 */
export async function saveMeterSettings(editor: Editor, next: MeterSettings): Promise<boolean> {
  const drop = await db.transaction(async (tx) => {
    const [before] = await tx.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY)).for("update");
    const current = meterSettingsSchema.safeParse(before?.value);
    if (same(current.success ? current.data : DEFAULT_METER, next)) return null;
    await tx
      .insert(siteSettings)
      .values({ key: KEY, value: next })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: next, updatedAt: sql`now()` } });
    await tx.insert(settingChanges).values({ actorId: editor.userId, actorEmail: editor.email, key: KEY, before: before?.value ?? null, after: next });
    return recordDrop(tx, { slugs: [], lists: false, everything: true });
  });
  if (!drop) return false;
  await awaitDrop(drop);
  return true;
}

/** "3 free articles this month", "3 free articles in 30 days". */
export function describePeriod(period: MeterPeriod): string {
  return period === "month" ? "this month" : "in 30 days";
}
