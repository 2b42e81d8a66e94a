import "server-only";
import type { z } from "zod";
import { editorOfRequest, type Editor } from "@/lib/desk/guard";

/** What a desk form shows after its action ran: a typed union, every field error at once. */
export type FormState<F extends string = string> =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors: Partial<Record<F, string>>; values?: Record<string, unknown> };

export const IDLE: FormState<never> = { status: "idle" };

/**
 * The one way a newsletter desk action is made: checks the editor role, reads the form
 * with `read`, validates with `schema`, and only then runs. Invalid input returns every
 * field's message and the submitted values, and changes nothing.
 */
export function editorAction<S extends z.ZodType, F extends string>(
  schema: S,
  read: (form: FormData) => unknown,
  run: (data: z.infer<S>, editor: Editor, form: FormData) => Promise<FormState<F>>,
) {
  return async (_prev: FormState<F>, form: FormData): Promise<FormState<F>> => {
    const editor = await editorOfRequest();
    if (!editor) return { status: "error", message: "Only editors can do this. Please sign in again.", fieldErrors: {} };
    const raw = read(form);
    const parsed = schema.safeParse(raw);
    if (!parsed.success) {
      const fieldErrors: Partial<Record<F, string>> = {};
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? "form") as F;
        fieldErrors[field] ??= issue.message;
      }
      return { status: "error", message: "Please correct the fields marked below.", fieldErrors, values: raw as Record<string, unknown> };
    }
    return run(parsed.data, editor, form);
  };
}
