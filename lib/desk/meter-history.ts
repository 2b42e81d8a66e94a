import "server-only";
import { desc, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { settingChanges } from "@/lib/db/schema";
import { DEFAULT_METER, METER_SETTING_KEY, meterSettingsSchema, type MeterSettings } from "@/lib/meter/settings";

/**
 * One change of the meter: who, when, from what to what. `before` is the default (off)
 * for the first change ever; a value that no longer reads as settings is null.
 */
export type MeterChange = { id: number; at: Date; actorEmail: string; before: MeterSettings | null; after: MeterSettings | null };

const read = (value: unknown) => {
  const parsed = meterSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
};

/** The meter's changes, newest first. */
export async function meterHistory(limit = 50): Promise<MeterChange[]> {
  const rows = await db
    .select()
    .from(settingChanges)
    .where(eq(settingChanges.key, METER_SETTING_KEY))
    .orderBy(desc(settingChanges.at), desc(settingChanges.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    actorEmail: r.actorEmail,
    before: r.before === null ? DEFAULT_METER : read(r.before),
    after: read(r.after),
  }));
}
