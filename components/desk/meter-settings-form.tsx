"use client";

import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { postForm } from "@/components/gate/post-form";
import { ArticleField } from "./article-field";

/** What the form shows: the saved settings, or what a refused plain post sent. */
export type MeterFormValues = { enabled: boolean; allowance: string; period: string };

type Props = { values: MeterFormValues; errors: Record<string, string> };

const PERIODS = [
  { value: "month", label: "Calendar month", hint: "the count starts again on the 1st of each month (UTC)" },
  { value: "rolling30", label: "Rolling 30 days", hint: "each free read counts for 30 days after it" },
] as const;

/**
 * The meter's settings. Without JavaScript it posts to /desk/settings/meter, which sends
 * the page back with each error at its field; with it, the answer comes back as JSON, the
 * errors are shown at their fields (the first one focused) and a saved change is read
 * out, the history below refreshed.
 */
export function MeterSettingsForm({ values, errors: initialErrors }: Props) {
  const router = useRouter();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState(initialErrors);
  const [status, setStatus] = useState<{ text: string; tone: "ok" | "error" } | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setStatus({ text: "Saving…", tone: "ok" });
    const answer = await postForm(e.currentTarget);
    setPending(false);
    const fieldErrors = answer.ok ? {} : (answer.body.fieldErrors ?? {});
    setErrors(fieldErrors);
    setStatus({ text: answer.body.message ?? "Please try again in a moment.", tone: answer.ok ? "ok" : "error" });
    if (answer.ok) return router.refresh();
    const fields = Array.from(formRef.current?.elements ?? []) as HTMLInputElement[];
    fields.find((el) => el.name in fieldErrors)?.focus();
  }

  const invalid = (name: string) => (errors[name] ? true : undefined);
  return (
    <form ref={formRef} method="post" action="/desk/settings/meter" onSubmit={onSubmit} noValidate className="editor settings" data-testid="meter-form">
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
      <fieldset className="choice" aria-describedby={errors.period ? "meter-period-error" : undefined}>
        <legend>Period</legend>
        {PERIODS.map((p) => (
          <div className="check" key={p.value}>
            <input
              id={`meter-period-${p.value}`}
              name="period"
              type="radio"
              value={p.value}
              defaultChecked={values.period === p.value}
              aria-invalid={invalid("period")}
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
