import "server-only";
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { settingChanges, siteSettings } from "@/lib/db/schema";
import type { Editor } from "@/lib/desk/guard";
import { awaitDrop, keptUntilDropped, recordDrop } from "@/lib/cache/drops";
import { EVERYTHING_TAG } from "@/lib/cache/tags";

/**
 * Gift links: whether members may make them, how many each may make per calendar month
 * (UTC), and how long a link lets its reader in.
 */
export const giftSettingsSchema = z.object({
  enabled: z.boolean(),
  perMonth: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1").max(100, "must be at most 100"),
  validDays: z.number({ error: "must be a number" }).int("must be a whole number").min(1, "must be at least 1 day").max(365, "must be at most 365 days"),
});

export type GiftSettings = z.infer<typeof giftSettingsSchema>;

export const DEFAULT_GIFTS: GiftSettings = { enabled: true, perMonth: 10, validDays: 30 };

/** The key in site_setting and setting_change; lib/gifts/links.ts reads it in its own statements. */
export const GIFT_SETTING_KEY = "gifts";
const KEY = GIFT_SETTING_KEY;

export function parseGiftSettings(value: unknown): GiftSettings {
  const parsed = giftSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_GIFTS;
}

async function readGiftSettings(): Promise<GiftSettings> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY));
  return parseGiftSettings(row?.value);
}

const kept = keptUntilDropped(readGiftSettings, (tag) => tag === EVERYTHING_TAG);

/**
 * The settings as this process knows them, for what a page shows (the member's "Gift this
 * article" button). Whether a link opens is decided by the database in the same statement
 * that finds the gift (lib/gifts/links.ts), never from this copy.
 */
export function giftSettings(): Promise<GiftSettings> {
  return kept(KEY);
}

const same = (a: GiftSettings, b: GiftSettings) => a.enabled === b.enabled && a.perMonth === b.perMonth && a.validDays === b.validDays;

/**
 * The desk's change: written with who changed it from what, and every cached page dropped
 * in every process before this returns (the members' pages show the gift button only
 * while gifts are on). A save that changes nothing writes nothing and answers false.
 */
export async function saveGiftSettings(editor: Editor, next: GiftSettings): Promise<boolean> {
  const drop = await db.transaction(async (tx) => {
    const [before] = await tx.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, KEY)).for("update");
    if (same(parseGiftSettings(before?.value), next)) return null;
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

/** "on: 10 gifts per member a month, each link valid 30 days" */
export function giftSummary(s: GiftSettings): string {
  if (!s.enabled) return "off: members cannot make gift links, and links already made do not open";
  return `on: ${s.perMonth} ${s.perMonth === 1 ? "gift" : "gifts"} per member a month, each link valid ${s.validDays} ${s.validDays === 1 ? "day" : "days"}`;
}
