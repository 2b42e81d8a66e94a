// What an editor submits when composing an issue: validated before anything is saved.
import { z } from "zod";

export const MAX_PICKS = 20;

const oneLine = (what: string) =>
  z
    .string()
    .trim()
    .max(200, `Keep the ${what} under 200 characters.`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `The ${what} must be one line of text.`);

const wholeNumber = (min: number, max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,6}\s*$/.test(v) ? Number(v) : v === undefined || v === "" ? undefined : NaN),
    z.number({ error: message }).int(message).min(min, message).max(max, message),
  );

export const issueInputSchema = z
  .object({
    newsletterId: z.preprocess(
      (v) => (typeof v === "string" && /^[1-9]\d{0,8}$/.test(v) ? Number(v) : v),
      z.number({ error: "Choose the newsletter this issue goes to." }).int().positive(),
    ),
    subject: oneLine("subject").pipe(z.string().min(1, "Write a subject.")),
    /** A second subject line, for a subject test; empty: one subject. */
    subjectB: oneLine("second subject").default(""),
    samplePercent: wholeNumber(1, 45, "Each sample takes from 1% to 45% of the list.").default(10),
    testWaitMinutes: wholeNumber(1, 2880, "Wait from 1 minute to 48 hours (2,880 minutes) before sending the rest.").default(60),
    intro: z.string().max(20_000, "Keep the intro under 20,000 characters.").default(""),
    articleIds: z
      .array(z.coerce.number().int().positive())
      .max(MAX_PICKS, `Pick at most ${MAX_PICKS} articles.`)
      .default([])
      .transform((ids) => [...new Set(ids)]),
  })
  .refine((v) => String(v.intro ?? "").trim() !== "" || (v.articleIds?.length ?? 0) > 0, {
    path: ["articleIds"],
    message: "Pick at least one article, or write an intro.",
    // Said along with the other fields' problems, so the editor fixes them all at once.
    when: () => true,
  })
  .refine((v) => v.subjectB === "" || v.subjectB !== v.subject, {
    path: ["subjectB"],
    message: "The second subject must differ from the first (or leave it empty).",
  });

export type IssueInput = z.infer<typeof issueInputSchema>;
export type IssueField = "newsletterId" | "subject" | "subjectB" | "samplePercent" | "testWaitMinutes" | "intro" | "articleIds";

/** The fields of the compose form, as the schema reads them. */
export function issueFormFields(form: FormData) {
  const text = (name: string) => {
    const v = form.get(name);
    return typeof v === "string" ? v : undefined;
  };
  return {
    newsletterId: text("newsletterId"),
    subject: text("subject") ?? "",
    subjectB: text("subjectB") ?? "",
    samplePercent: text("samplePercent"),
    testWaitMinutes: text("testWaitMinutes"),
    intro: text("intro") ?? "",
    articleIds: form.getAll("articleIds").filter((v): v is string => typeof v === "string"),
  };
}
