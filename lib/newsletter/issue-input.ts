// What an editor submits when composing an issue: validated before anything is saved.
import { z } from "zod";

export const MAX_PICKS = 20;

export const issueInputSchema = z
  .object({
    subject: z
      .string({ error: "Write a subject." })
      .trim()
      .min(1, "Write a subject.")
      .max(200, "Keep the subject under 200 characters.")
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), "The subject must be one line of text."),
    intro: z.string().max(20_000, "Keep the intro under 20,000 characters.").default(""),
    articleIds: z
      .array(z.coerce.number().int().positive())
      .max(MAX_PICKS, `Pick at most ${MAX_PICKS} articles.`)
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .refine((v) => v.intro.trim() !== "" || v.articleIds.length > 0, {
    path: ["articleIds"],
    message: "Pick at least one article, or write an intro.",
  });

export type IssueInput = z.infer<typeof issueInputSchema>;
export type IssueField = "subject" | "intro" | "articleIds";

/** The fields of the compose form, as the schema reads them. */
export function issueFormFields(form: FormData) {
  return {
    subject: form.get("subject") ?? undefined,
    intro: form.get("intro") ?? "",
    articleIds: form.getAll("articleIds").filter((v): v is string => typeof v === "string"),
  };
}
