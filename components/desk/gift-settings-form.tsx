"use client";

import { useActionState, useRef } from "react";
import { saveGifts } from "@/app/desk/settings/actions";
import { ArticleField } from "./article-field";
import { postedText, useFocusFirstError } from "./form-state";

/** What the form shows: the saved settings (or, refused, what was posted). */
export type GiftFormValues = { enabled: boolean; perMonth: string; validDays: string };

/**
 * Gift links' settings, a server action (app/desk/settings/actions.ts) that works without
 * JavaScript too, like the meter's form: each refused field marked, what was typed kept.
 */
export function GiftSettingsForm({ values: saved }: { values: GiftFormValues }) {
  const [state, formAction, pending] = useActionState(saveGifts, { status: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors: Record<string, string | undefined> = state.status === "error" ? state.fieldErrors : {};
  const values: GiftFormValues =
    state.status === "error"
      ? { enabled: state.values.enabled === "on", perMonth: postedText(state, "perMonth") ?? "", validDays: postedText(state, "validDays") ?? "" }
      : saved;
  const status = pending ? { text: "Saving…", tone: "ok" } : state.status === "error" ? { text: state.message, tone: "error" } : null;
  return (
    <form ref={formRef} action={formAction} noValidate className="editor settings" data-testid="gift-form">
      <div className="check">
        <input
          id="gifts-enabled"
          name="enabled"
          type="checkbox"
          defaultChecked={values.enabled}
          aria-invalid={errors.enabled ? true : undefined}
          aria-describedby={errors.enabled ? "gifts-enabled-error" : undefined}
        />
        <label htmlFor="gifts-enabled">Gift links on: members may share premium articles with anyone</label>
      </div>
      {errors.enabled && (
        <p className="error" id="gifts-enabled-error">
          Gift links {errors.enabled}
        </p>
      )}
      <ArticleField idPrefix="gifts" name="perMonth" label="Gifts per member a month" error={errors.perMonth} hint="How many gift links each member may make per calendar month (UTC): 1 to 100.">
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={100} step={1} defaultValue={values.perMonth} className="short" />}
      </ArticleField>
      <ArticleField idPrefix="gifts" name="validDays" label="Days a link works" error={errors.validDays} hint="How long a gift link lets its readers in after it was made: 1 to 365 days. A change applies to links made from then on.">
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={365} step={1} defaultValue={values.validDays} className="short" />}
      </ArticleField>
      <div className="editor-actions">
        <button type="submit" disabled={pending}>
          Save gift link settings
        </button>
      </div>
      <p className={`status${status?.tone === "error" ? " error" : ""}`} role="status" aria-live="polite" data-testid="gift-form-status">
        {status?.text}
      </p>
    </form>
  );
}
