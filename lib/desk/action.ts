import "server-only";
// The one way a desk form changes something: a server action made by `deskAction`.
import { headers } from "next/headers";
import { forbidden } from "next/navigation";
import type { z } from "zod";
import { editorOfRequest, type Editor } from "./guard";

/** Each field's message, keyed by the field's name. */
export type FieldErrors<F extends string = string> = Partial<Record<F, string>>;

/** What a form posted, text fields only (a repeated name gives a list), to show it again. */
export type FormValues = Record<string, string | string[]>;

/**
 * What a desk form shows after its action ran. A success usually redirects to the page
 * with a notice instead; an "ok" state is for answers given in place (a test mail sent).
 */
export type DeskState<F extends string = string> =
  | { status: "idle" }
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors: FieldErrors<F>; values: FormValues };

/** What an action's body answers; the helper adds what was posted to an error. */
export type DeskResult<F extends string = string> =
  | { status: "ok"; message: string }
  | { status: "error"; message: string; fieldErrors?: FieldErrors<F> };

/** The action a form passes to useActionState. */
export type DeskAction<F extends string = string> = (prev: DeskState<F>, form: FormData) => Promise<DeskState<F>>;

type Form<S extends z.ZodType, F extends string> = {
  schema: S;
  /** What the schema is given; by default every text field, once (the first value). */
  read?: (form: FormData) => unknown;
  /** The form-level message when fields are refused (default: point at the fields). */
  invalid?: (fieldErrors: FieldErrors<F>) => string;
};

export const INVALID_MESSAGE = "Please correct the fields marked below.";
export const EDITORS_ONLY = "Only editors can do this. Sign in with an editor's address.";

/**
 * Anyone but an editor: answered 403 with the desk's forbidden page. A form posted
 * without JavaScript names its action in the body, not in a Next-Action header; Next
 * would answer forbidden() there with its 404 page, so the refusal is returned and the
 * page itself answers (403 for a reader, sign-in for an anonymous visitor), unchanged.
 */
async function refuse<F extends string>(): Promise<DeskState<F>> {
  if ((await headers()).has("next-action")) forbidden();
  return { status: "error", message: EDITORS_ONLY, fieldErrors: {}, values: {} };
}

/**
 * The text fields of a form, without the fields React adds to run a server action. A
 * plain object (it goes back to the form), made with fromEntries: a field named
 * "__proto__" is just a field.
 */
export function formValues(form: FormData): FormValues {
  const fields = new Map<string, string[]>();
  for (const [name, value] of form) {
    if (typeof value !== "string" || name.startsWith("$ACTION")) continue;
    fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  return Object.fromEntries([...fields].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
}

/** Every text field once: the first value of a repeated name. */
export function textFields(form: FormData): Record<string, string> {
  return Object.fromEntries(Object.entries(formValues(form)).map(([name, v]) => [name, Array.isArray(v) ? v[0] : v]));
}

/** Every field's first message: the editor fixes them all in one go. */
export function fieldErrorsOf<F extends string>(error: z.ZodError): FieldErrors<F> {
  const out: FieldErrors<F> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "form") as F;
    out[field] ??= issue.message;
  }
  return out;
}

/**
 * A desk form's server action. The editor role is checked first: anyone else is refused
 * (see `refuse`) before a field is read, and nothing changes. Then the
 * form is parsed with `schema`; refused fields come back all at once with what was posted,
 * so the form shows each error at its field and keeps the editor's input. Only valid
 * input reaches `run`, which answers, or redirects to where the change is shown.
 */
export function deskAction<S extends z.ZodType, F extends string = string>(
  form: Form<S, F>,
  run: (data: z.output<S>, editor: Editor) => Promise<DeskResult<F>>,
): DeskAction<F> {
  return async (_prev, formData) => {
    const editor = await editorOfRequest();
    if (!editor) return refuse<F>();
    const values = formValues(formData);
    const parsed = form.schema.safeParse(form.read ? form.read(formData) : textFields(formData));
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf<F>(parsed.error);
      return { status: "error", message: form.invalid?.(fieldErrors) ?? INVALID_MESSAGE, fieldErrors, values };
    }
    const result = await run(parsed.data, editor);
    return result.status === "error" ? { ...result, fieldErrors: result.fieldErrors ?? {}, values } : result;
  };
}
