import "server-only";
// The desk's wall experiment forms: start one with 2–4 variants, end one keeping a variant.
import { z } from "zod";
import type { WallVariant } from "@/lib/db/schema";
import { gateCopySchema } from "@/lib/experiments/gate-copy";
import { variantName } from "@/lib/experiments/running";

export const VARIANT_SLOTS = 4;
const PARTS = ["heading", "sentence", "button"] as const;
const PART_LABELS = { heading: "heading", sentence: "sentence", button: "button label", allowance: "free reads" } as const;

/** Labels for field errors ("Variant B's heading is required."). */
export const EXPERIMENT_FIELD_LABELS: Record<string, string> = Object.fromEntries([
  ["name", "The experiment's name"],
  ...Array.from({ length: VARIANT_SLOTS }, (_, i) =>
    (["heading", "sentence", "button", "allowance"] as const).map((p) => [`${p}-${i}`, `${variantName(i)}'s ${PART_LABELS[p]}`]),
  ).flat(),
]);

export type StartForm = { name: string; variants: WallVariant[] };

/** Variants A and B are required; C and D are used when any of their words is filled in. */
export const startExperimentSchema = z.record(z.string(), z.string()).transform((fields, ctx): StartForm => {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  const name = (fields.name ?? "").trim();
  if (name.length > 80) issue("name", "must be at most 80 characters.");
  const variants: WallVariant[] = [];
  for (let i = 0; i < VARIANT_SLOTS; i++) {
    const words = Object.fromEntries(PARTS.map((p) => [p, (fields[`${p}-${i}`] ?? "").trim()]));
    const rawAllowance = (fields[`allowance-${i}`] ?? "").trim();
    if (i >= 2 && PARTS.every((p) => words[p] === "")) {
      if (rawAllowance !== "") issue(`allowance-${i}`, "needs the variant's words too (or leave it empty).");
      continue;
    }
    const parsed = gateCopySchema.safeParse(words);
    if (!parsed.success) for (const e of parsed.error.issues) issue(`${String(e.path[0])}-${i}`, e.message);
    let allowance: number | null = null;
    if (rawAllowance !== "") {
      allowance = /^\d{1,2}$/.test(rawAllowance) ? Number(rawAllowance) : Number.NaN;
      if (!(allowance >= 1 && allowance <= 10)) issue(`allowance-${i}`, "must be a whole number from 1 to 10, or empty for the meter's own.");
    }
    if (parsed.success) variants.push({ ...parsed.data, allowance });
  }
  return { name: name || `Experiment of ${new Date().toISOString().slice(0, 10)}`, variants };
});

export const endExperimentSchema = z
  .object({
    experiment: z.string().regex(/^[1-9][0-9]{0,8}$/, "is not an experiment."),
    winner: z.string({ error: "Choose the variant that stays." }).regex(/^[0-3]$/, "Choose the variant that stays."),
  })
  .transform((f) => ({ experiment: Number(f.experiment), winner: Number(f.winner) }));
