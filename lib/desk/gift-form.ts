import "server-only";
// The desk's gift-link settings form: its fields, checked with the gifts' own schema.
import { z } from "zod";
import { giftSettingsSchema } from "@/lib/gifts/settings";

/** Labels for field errors ("Gifts per member a month must be at most 100."). */
export const GIFT_FIELD_LABELS: Record<string, string> = {
  enabled: "Gift links",
  perMonth: "Gifts per member a month",
  validDays: "Days a link works",
};

/** "10" → 10; anything that is not a plain whole or decimal number → NaN (refused by the schema). */
const numberOf = (v: string | undefined) => (/^\+?\d{1,6}(\.\d{1,6})?$/.test((v ?? "").trim()) ? Number((v ?? "").trim()) : Number.NaN);

/** The form as the desk action reads it: the settings, or every field's message. */
export const giftFormSchema = z
  .object({ enabled: z.string().optional(), perMonth: z.string().optional(), validDays: z.string().optional() })
  .transform((fields, ctx) => {
    const enabled = fields.enabled === undefined || fields.enabled === "" || fields.enabled === "off" ? false : fields.enabled === "on" ? true : null;
    if (enabled === null) ctx.addIssue({ code: "custom", path: ["enabled"], message: "must be on or off." });
    const parsed = giftSettingsSchema.safeParse({ enabled: enabled ?? false, perMonth: numberOf(fields.perMonth), validDays: numberOf(fields.validDays) });
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0]);
        if (seen.has(field)) continue;
        seen.add(field);
        const blank = (fields[field as "perMonth" | "validDays"] ?? "").trim() === "";
        ctx.addIssue({ code: "custom", path: [field], message: blank ? "is required." : `${issue.message}.` });
      }
    }
    if (enabled === null || !parsed.success) return z.NEVER;
    return parsed.data;
  });
