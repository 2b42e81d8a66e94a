// The desk's article editor form: its fields, checked with the same rules as article files.
import { z } from "zod";
import { articleInputErrors, articleInputSchema, slugify, type ArticleInput } from "@/lib/articles/article-input";

export type ArticleIntent = "save" | "publish" | "unpublish";

/**
 * What the editor wrote; status and publication time are the command's business.
 * `metered` is absent when the form did not say (its choice is disabled while Premium is
 * unticked): the article keeps its own.
 */
export type ArticleDraft = Omit<ArticleInput, "publishedAt" | "status" | "metered"> & { metered?: boolean };

export type ArticleFormResult =
  | { ok: true; draft: ArticleDraft; intent: ArticleIntent }
  | { ok: false; fieldErrors: Record<string, string> };

/** Labels for field errors ("Slug is already used by …"). */
export const ARTICLE_FIELD_LABELS: Record<string, string> = {
  title: "Title",
  slug: "Slug",
  dek: "Dek",
  author: "Author",
  image: "Hero image URL",
  imageCaption: "Image caption",
  body: "Body",
  premium: "Premium",
  metered: "Metered or members only",
};

/** An article's id in a form field. */
export const articleIdField = z
  .string({ error: "must name an article" })
  .regex(/^\d{1,9}$/, "must name an article")
  .transform(Number);

const posted = z.string().default("");

/**
 * What the editor form posts, read as text: the id (none for a new article), the button
 * pressed, and the fields `saveArticle` checks with the article's own rules.
 */
export const articleFormSchema = z.object({
  id: articleIdField.optional(),
  intent: z.enum(["save", "publish", "unpublish"], { error: "must be save, publish or unpublish" }).default("save"),
  title: posted,
  slug: posted,
  dek: posted,
  author: posted,
  image: posted,
  imageCaption: posted,
  body: posted,
  premium: posted,
  metered: posted,
});

const text = (v: string | undefined) => (v ?? "").replace(/\r\n?/g, "\n");
const optional = (v: string | undefined) => (v && v.trim() !== "" ? v.trim() : null);
const checked = (v: string | undefined) => v === "on" || v === "yes" || v === "true" || v === "1";

/** The slug asked for: as typed, or made from the title when left empty. */
export function formSlug(fields: Record<string, string>): string {
  return text(fields.slug).trim().toLowerCase() || slugify(text(fields.title).trim());
}

/** Which button was pressed. */
export function formIntent(fields: Record<string, string>): ArticleIntent {
  return fields.intent === "publish" || fields.intent === "unpublish" ? fields.intent : "save";
}

/** Whether the Premium box was ticked. */
export const formPremium = (fields: Record<string, string>) => checked(fields.premium);

/** The meter radio: "metered" or "members" (members only); absent, undefined; anything else, null. */
export function formMetered(fields: Record<string, string>): boolean | undefined | null {
  const v = fields.metered;
  if (v === undefined || v === "") return undefined;
  return v === "metered" ? true : v === "members" ? false : null;
}

/** Parses the posted fields; every problem is returned, keyed by field. */
export function parseArticleForm(fields: Record<string, string>): ArticleFormResult {
  const intent = formIntent(fields);
  const title = text(fields.title).trim();
  const slug = formSlug(fields);
  const parsed = articleInputSchema.safeParse({
    title,
    slug,
    dek: text(fields.dek),
    author: text(fields.author),
    image: optional(fields.image),
    imageCaption: optional(fields.imageCaption),
    body: text(fields.body),
    premium: checked(fields.premium),
    publishedAt: new Date(0),
    status: "draft",
  });
  const metered = formMetered(fields);
  const fieldErrors = parsed.success ? {} : articleInputErrors(parsed.error);
  if (metered === null) fieldErrors.metered = "must be one of the two choices";
  if (!parsed.success || metered === null) return { ok: false, fieldErrors };
  const { publishedAt: _p, status: _s, metered: _m, ...draft } = parsed.data;
  return { ok: true, draft: { ...draft, ...(metered !== undefined && { metered }) }, intent };
}
