import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { sendGuardKey, settingChanges, siteSettings, type SendGuardSettings } from "@/lib/db/schema";
import type { Editor } from "@/lib/desk/guard";

/**
 * The send guard's thresholds (desk settings): an issue pauses itself when its complaint
 * rate passes `complaintRate` or its permanent bounces pass `bounceRate`, once at least
 * `minDelivered` copies went out. Gmail and Yahoo ask bulk senders to stay under 0.1%
 * complaints and refuse them past 0.3%.
 */
export const sendGuardSchema = z.object({
  complaintRate: z.number({ error: "must be a number" }).min(0.0001, "must be at least 0.01%").max(0.1, "must be at most 10%"),
  bounceRate: z.number({ error: "must be a number" }).min(0.001, "must be at least 0.1%").max(0.5, "must be at most 50%"),
  minDelivered: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(10_000_000, "is too large"),
});

export const DEFAULT_SEND_GUARD: SendGuardSettings = { complaintRate: 0.003, bounceRate: 0.05, minDelivered: 1000 };

export async function sendGuardSettings(): Promise<SendGuardSettings> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, sendGuardKey));
  const parsed = sendGuardSchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_SEND_GUARD;
}

/** The desk's change, with who changed it from what; false when it changed nothing. */
export async function saveSendGuardSettings(editor: Editor, next: SendGuardSettings): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, sendGuardKey)).for("update");
    const parsed = sendGuardSchema.safeParse(before?.value);
    const current = parsed.success ? parsed.data : DEFAULT_SEND_GUARD;
    if (current.complaintRate === next.complaintRate && current.bounceRate === next.bounceRate && current.minDelivered === next.minDelivered) return false;
    await tx
      .insert(siteSettings)
      .values({ key: sendGuardKey, value: next })
      .onConflictDoUpdate({ target: siteSettings.key, set: { value: next, updatedAt: sql`now()` } });
    await tx.insert(settingChanges).values({ actorId: editor.userId, actorEmail: editor.email, key: sendGuardKey, before: before?.value ?? null, after: next });
    return true;
  });
}

/** 0.003 → "0.3%", 0.0005 → "0.05%". */
export function percent(rate: number): string {
  return `${Number((rate * 100).toPrecision(3)).toLocaleString("en-GB", { maximumFractionDigits: 3 })}%`;
}
