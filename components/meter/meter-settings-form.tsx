"use client";

import { useActionState, useRef } from "react";
import { saveMeter } from "@/app/desk/settings/actions";
import { ArticleField } from "@/components/desk/article-field";
import { postedText, useFocusFirstError } from "@/components/desk/form-state";

/** What the form shows: the saved settings (or, refused, what was posted). */
export type MeterFormValues = { enabled: boolean; allowance: string; period: string };

type Props = { values: MeterFormValues };

const PERIODS = [
  { value: "month", label: "Calendar month", hint: "the count starts again on the 1st of each month (UTC)" },
  { value: "rolling30", label: "Rolling 30 days", hint: "each free read counts for 30 days after it" },
] as const;

/**
 * The meter's settings, a server action (app/desk/settings/actions.ts) that works without
 * JavaScript too: saved, the page comes back with the notice and the history; refused,
 * each error is at its field (the first focused when JavaScript runs), the summary read
 * out below the form, and what was typed kept.
 */
export function MeterSettingsForm({ values: saved }: Props) {
  const [state, formAction, pending] = useActionState(saveMeter, { status: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors: Record<string, string | undefined> = state.status === "error" ? state.fieldErrors : {};
  const values: MeterFormValues =
    state.status === "error"
      ? { enabled: state.values.enabled === "on", allowance: postedText(state, "allowance") ?? "", period: postedText(state, "period") ?? "" }
      : saved;
  const status = pending ? { text: "Saving…", tone: "ok" } : state.status === "error" ? { text: state.message, tone: "error" } : null;

  const invalid = (name: string) => (errors[name] ? true : undefined);
  return (
    <form ref={formRef} action={formAction} noValidate className="editor settings" data-testid="meter-form">
      <div className="check">
        <input
          id="meter-enabled"
          name="enabled"
          type="checkbox"
          defaultChecked={values.enabled}
          aria-invalid={invalid("enabled")}
          aria-describedby={errors.enabled ? "meter-enabled-error" : undefined}
        />
        <label htmlFor="meter-enabled">Meter on: readers without an account may read a few metered articles in full</label>
      </div>
      {errors.enabled && (
        <p className="error" id="meter-enabled-error">
          The meter {errors.enabled}
        </p>
      )}
      <ArticleField
        idPrefix="meter"
        name="allowance"
        label="Free articles per period"
        error={errors.allowance}
        hint="How many metered premium articles a reader without an account may read in full each period: 1 to 10."
      >
        {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={10} step={1} defaultValue={values.allowance} className="short" />}
      </ArticleField>
      {/* A radio cannot be invalid on its own (ARIA gives the radio role no aria-invalid): the group is. */}
      <fieldset className="choice" role="radiogroup" aria-invalid={invalid("period")} aria-describedby={errors.period ? "meter-period-error" : undefined}>
        <legend>Period</legend>
        {PERIODS.map((p) => (
          <div className="check" key={p.value}>
            <input
              id={`meter-period-${p.value}`}
              name="period"
              type="radio"
              value={p.value}
              defaultChecked={values.period === p.value}
            />
            <label htmlFor={`meter-period-${p.value}`}>
              {p.label}: {p.hint}
            </label>
          </div>
        ))}
        {errors.period && (
          <p className="error" id="meter-period-error">
            Period {errors.period}
          </p>
        )}
      </fieldset>
      <div className="editor-actions">
        <button type="submit" disabled={pending}>
          Save meter settings
        </button>
      </div>
      <p className={`status${status?.tone === "error" ? " error" : ""}`} role="status" aria-live="polite" data-testid="meter-status">
        {status?.text}
      </p>
    </form>
  );
}
