import "server-only";
// The send guard's form: thresholds typed as percentages ("0.3"), stored as rates (0.003).
import { z } from "zod";
import { sendGuardSchema } from "./guard-settings";

export const GUARD_FIELD_LABELS: Record<string, string> = {
  complaintRate: "Complaint threshold",
  bounceRate: "Permanent bounce threshold",
  minDelivered: "Copies before the guard weighs a send",
};

const decimal = (v: string | undefined) => (/^\s*\d{1,7}(\.\d{1,4})?\s*$/.test(v ?? "") ? Number(v) : Number.NaN);

export const guardFormSchema = z
  .object({ complaintRate: z.string().optional(), bounceRate: z.string().optional(), minDelivered: z.string().optional() })
  .transform((f, ctx) => {
    const parsed = sendGuardSchema.safeParse({
      complaintRate: decimal(f.complaintRate) / 100,
      bounceRate: decimal(f.bounceRate) / 100,
      minDelivered: decimal(f.minDelivered),
    });
    if (parsed.success) return parsed.data;
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0]);
      if (seen.has(field)) continue;
      seen.add(field);
      ctx.addIssue({ code: "custom", path: [field], message: `${issue.message}.` });
    }
    return z.NEVER;
  });
