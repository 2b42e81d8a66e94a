"use client";

import { useActionState, useRef } from "react";
import { endWallExperiment, startWallExperiment } from "@/app/desk/insight/actions";
import { postedText, useFocusFirstError } from "@/components/desk/form-state";
import { ArticleField } from "@/components/desk/article-field";

type Words = { heading: string; sentence: string; button: string };
const LETTERS = ["A", "B", "C", "D"];

function Status({ pending, state, testId }: { pending: boolean; state: { status: string; message?: string }; testId: string }) {
  const error = state.status === "error" ? state.message : null;
  return (
    <p className={`status${error ? " error" : ""}`} role="status" aria-live="polite" data-testid={testId}>
      {pending ? "Saving…" : error}
    </p>
  );
}

/**
 * Starts a wall experiment: two to four variants of the gate's heading, sentence and
 * button (and, with the meter on, its free reads). A server action; works without JavaScript.
 */
export function StartExperimentForm({ standing, meterOn }: { standing: Words; meterOn: boolean }) {
  const [state, formAction, pending] = useActionState(startWallExperiment, { status: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors: Record<string, string | undefined> = state.status === "error" ? state.fieldErrors : {};
  const value = (name: string, fallback = "") => (state.status === "error" ? (postedText(state, name) ?? "") : fallback);
  return (
    <form ref={formRef} action={formAction} noValidate className="editor settings" data-testid="start-experiment">
      <ArticleField idPrefix="experiment" name="name" label="Name (for the desk)" error={errors.name}>
        {(p) => <input {...p} type="text" maxLength={80} defaultValue={value("name")} />}
      </ArticleField>
      {LETTERS.map((letter, i) => (
        <fieldset key={letter} className="choice">
          <legend>
            Variant {letter}
            {i >= 2 ? " (optional)" : ""}
          </legend>
          <ArticleField idPrefix={`variant-${i}`} name={`heading-${i}`} label={`Variant ${letter}: heading`} error={errors[`heading-${i}`]} hint={i === 0 ? "{site} is replaced by the site's name." : undefined}>
            {(p) => <input {...p} type="text" maxLength={120} defaultValue={value(`heading-${i}`, i === 0 ? standing.heading : "")} />}
          </ArticleField>
          <ArticleField idPrefix={`variant-${i}`} name={`sentence-${i}`} label={`Variant ${letter}: sentence`} error={errors[`sentence-${i}`]}>
            {(p) => <input {...p} type="text" maxLength={300} defaultValue={value(`sentence-${i}`, i === 0 ? standing.sentence : "")} />}
          </ArticleField>
          <ArticleField idPrefix={`variant-${i}`} name={`button-${i}`} label={`Variant ${letter}: button label`} error={errors[`button-${i}`]}>
            {(p) => <input {...p} type="text" maxLength={40} className="short" defaultValue={value(`button-${i}`, i === 0 ? standing.button : "")} />}
          </ArticleField>
          <ArticleField
            idPrefix={`variant-${i}`}
            name={`allowance-${i}`}
            label={`Variant ${letter}: free reads`}
            error={errors[`allowance-${i}`]}
            hint={meterOn ? "1 to 10, or empty for the meter's own." : "Used only while the meter is on: 1 to 10, or empty for the meter's own."}
          >
            {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={10} step={1} className="short" defaultValue={value(`allowance-${i}`)} />}
          </ArticleField>
        </fieldset>
      ))}
      <div className="editor-actions">
        <button type="submit" disabled={pending}>
          Start the experiment
        </button>
      </div>
      <Status pending={pending} state={state} testId="start-experiment-status" />
    </form>
  );
}

/** Ends the running experiment: the chosen variant becomes the gate every reader gets. */
export function EndExperimentForm({ experimentId, variants }: { experimentId: number; variants: { index: number; name: string }[] }) {
  const [state, formAction, pending] = useActionState(endWallExperiment, { status: "idle" });
  return (
    <form action={formAction} className="editor settings" data-testid="end-experiment">
      <input type="hidden" name="experiment" value={experimentId} />
      <fieldset className="choice">
        <legend>End the experiment and keep</legend>
        {variants.map((v) => (
          <div className="check" key={v.index}>
            <input id={`winner-${v.index}`} name="winner" type="radio" value={v.index} required />
            <label htmlFor={`winner-${v.index}`}>{v.name}</label>
          </div>
        ))}
      </fieldset>
      <div className="editor-actions">
        <button type="submit" disabled={pending}>
          End the experiment
        </button>
      </div>
      <Status pending={pending} state={state} testId="end-experiment-status" />
    </form>
  );
}
