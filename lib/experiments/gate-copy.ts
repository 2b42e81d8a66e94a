import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { siteSettings } from "@/lib/db/schema";
import { keptUntilDropped } from "@/lib/cache/drops";
import { EVERYTHING_TAG } from "@/lib/cache/tags";

/** What the gate says: its heading, the sentence under it and the join button's label. "{site}" is the site's name. */
export const gateCopySchema = z.object({
  heading: z.string().trim().min(1, "is required.").max(120, "must be at most 120 characters."),
  sentence: z.string().trim().min(1, "is required.").max(300, "must be at most 300 characters."),
  button: z.string().trim().min(1, "is required.").max(40, "must be at most 40 characters."),
});
export type GateCopy = z.infer<typeof gateCopySchema>;

/** The gate as Lede ships it (DESIGN.md's reference wall). */
export const DEFAULT_GATE_COPY: GateCopy = {
  heading: "Join {site} to access this content",
  sentence: "Plus special access to featured articles and other premium content through your account, for free.",
  button: "Join",
};

/** The key in site_setting: the gate a finished experiment kept (none: the default). */
export const GATE_SETTING_KEY = "gate";

async function readGateCopy(): Promise<GateCopy> {
  const [row] = await db.select({ value: siteSettings.value }).from(siteSettings).where(eq(siteSettings.key, GATE_SETTING_KEY));
  const parsed = gateCopySchema.safeParse(row?.value);
  return parsed.success ? parsed.data : DEFAULT_GATE_COPY;
}

const kept = keptUntilDropped(readGateCopy, (tag) => tag === EVERYTHING_TAG);

/** The gate every reader outside a running experiment sees. */
export function gateCopy(): Promise<GateCopy> {
  return kept(GATE_SETTING_KEY);
}

/** The copy with the site's name in place of "{site}". */
export function withSiteName(copy: GateCopy, siteName: string): GateCopy {
  const name = (s: string) => s.replaceAll("{site}", siteName);
  return { heading: name(copy.heading), sentence: name(copy.sentence), button: name(copy.button) };
}
