// What an article is made of when written (a file, the desk): validated, then saved.
import { z } from "zod";
import { bodyProblem } from "./body-limits";

export const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Any origin will do: a path is judged by where it leads from one. */
const PATH_BASE = "http://lede.invalid";

/**
 * A path under public/ as a browser will read it: resolved against the site (so `/\host`
 * and `/\thost` are what they are, another host), kept only when it stays on the site,
 * and given in its normalised form (`/a/../b.png` is `/b.png`). Null when it is no such path.
 */
export function sitePath(value: string): string | null {
  if (!value.startsWith("/") || /[\\\u0000-\u0020\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, PATH_BASE);
  } catch {
    return null;
  }
  if (url.origin !== PATH_BASE || url.username || url.password) return null;
  const path = `${url.pathname}${url.search}`;
  // The normalised path itself must read the same from anywhere.
  return path.startsWith("/") && !path.startsWith("//") && new URL(path, PATH_BASE).origin === PATH_BASE ? path : null;
}

const imageRef = z
  .string()
  .trim()
  .transform((v, ctx) => {
    const path = v.startsWith("/") ? sitePath(v) : null;
    if (path !== null) return path;
    if (!v.startsWith("/")) {
      try {
        const u = new URL(v);
        if ((u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password) return v;
      } catch {
        // not a URL: the message below
      }
    }
    ctx.addIssue({ code: "custom", message: "must be an absolute http(s) URL or a path under public/ starting with /" });
    return z.NEVER;
  });

export const articleInputSchema = z.object({
  title: z.string({ error: "is required" }).trim().min(1, "is required").max(300, "is longer than 300 characters"),
  slug: z
    .string({ error: "is required" })
    .trim()
    .max(120, "is longer than 120 characters")
    .regex(SLUG, "must be lowercase letters, digits and single hyphens (like my-article-title)"),
  dek: z.string({ error: "must be text" }).trim().max(600, "is longer than 600 characters").default(""),
  author: z.string({ error: "must be text" }).trim().max(200, "is longer than 200 characters").default(""),
  publishedAt: z.coerce.date({ error: "must be an ISO date like 2026-11-20T08:30:00Z" }),
  premium: z.boolean({ error: "must be true or false" }),
  /** For a premium article: counted by the meter (true, the default) or members only (false). */
  metered: z.boolean({ error: "must be true or false" }).default(true),
  image: imageRef.optional().nullable(),
  imageCaption: z.string({ error: "must be text" }).trim().max(600).optional().nullable(),
  status: z.enum(["published", "draft"], { error: "must be published or draft" }).default("published"),
  body: z.string().superRefine((body, ctx) => {
    const problem = bodyProblem(body);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
});

export type ArticleInput = z.infer<typeof articleInputSchema>;

/** Field → message for every problem, so a form or an importer can name them all. */
export function articleInputErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "file");
    out[field] ??= issue.message;
  }
  return out;
}

/** "My Story: Part 2!" → "my-story-part-2" */
export function slugify(title: string): string {
  return title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}
