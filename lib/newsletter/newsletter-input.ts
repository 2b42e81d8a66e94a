// What an editor submits for a newsletter: its details, its welcome mail, its digest.
import { z } from "zod";

const oneLine = (what: string, max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep the ${what} under ${max} characters.`)
    .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), `The ${what} must be one line of text.`);

const box = z.preprocess((v) => v === "yes" || v === "on" || v === true, z.boolean());

export const newsletterDetailsSchema = z.object({
  name: oneLine("name", 80).pipe(z.string().min(1, "Give the newsletter a name.")),
  description: oneLine("description", 200).default(""),
  // A display name in a From header: no quotes or angle brackets to break out of it.
  senderName: oneLine("sender name", 80)
    .refine((s) => !/["<>\\]/.test(s), "The sender name cannot contain quotes, backslashes or angle brackets.")
    .default(""),
  offeredByDefault: box,
});
export type NewsletterDetails = z.infer<typeof newsletterDetailsSchema>;
export type NewsletterField = keyof NewsletterDetails;

export const welcomeSchema = z
  .object({
    welcomeOn: box,
    welcomeSubject: oneLine("subject", 200).default(""),
    welcomeBody: z.string().max(20_000, "Keep the welcome under 20,000 characters.").default(""),
  })
  .refine((v) => !v.welcomeOn || v.welcomeSubject !== "", { path: ["welcomeSubject"], message: "Write a subject, or turn the welcome off.", when: () => true })
  .refine((v) => !v.welcomeOn || String(v.welcomeBody ?? "").trim() !== "", {
    path: ["welcomeBody"],
    message: "Write the welcome, or turn it off.",
    when: () => true,
  });
export type WelcomeInput = z.infer<typeof welcomeSchema>;
export type WelcomeField = "welcomeOn" | "welcomeSubject" | "welcomeBody";

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export const digestSchema = z.object({
  digestOn: box,
  digestDays: z
    .array(z.string().regex(/^[0-6]$/, "Choose days of the week."))
    .transform((days) => [...new Set(days.map(Number))].sort((a, b) => a - b))
    .refine((d) => d.length > 0, "Choose at least one day."),
  digestTime: z.string().trim().regex(TIME, "Give the time as HH:MM, 24-hour clock (for example 07:00)."),
  digestAutoSend: box,
  digestSize: z.preprocess(
    (v) => (typeof v === "string" && /^\s*\d{1,3}\s*$/.test(v) ? Number(v) : NaN),
    z.number({ error: "From 1 to 20 articles." }).int().min(1, "From 1 to 20 articles.").max(20, "From 1 to 20 articles."),
  ),
  digestPinnedIds: z
    .array(z.coerce.number().int().positive())
    .max(10, "Pin at most 10 articles.")
    .transform((ids) => [...new Set(ids)]),
});
export type DigestInput = z.infer<typeof digestSchema>;
export type DigestField = keyof DigestInput;

export function digestFormFields(form: FormData) {
  const text = (name: string) => (typeof form.get(name) === "string" ? (form.get(name) as string) : undefined);
  return {
    digestOn: text("digestOn"),
    digestDays: form.getAll("digestDays").filter((v): v is string => typeof v === "string"),
    digestTime: text("digestTime") ?? "",
    digestAutoSend: text("digestAutoSend"),
    digestSize: text("digestSize") ?? "",
    digestPinnedIds: form.getAll("digestPinnedIds").filter((v): v is string => typeof v === "string"),
  };
}
