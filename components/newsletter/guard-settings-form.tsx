"use client";

import { useActionState, useRef } from "react";
import { saveSendGuard } from "@/app/desk/newsletters/deliverability/actions";
import { ArticleField } from "@/components/desk/article-field";
import { postedText, useFocusFirstError } from "@/components/desk/form-state";

export type GuardFormValues = { complaintRate: string; bounceRate: string; minDelivered: string };

/** The send guard's thresholds; works without JavaScript (each error at its field). */
export function GuardSettingsForm({ values: saved }: { values: GuardFormValues }) {
  const [state, formAction, pending] = useActionState(saveSendGuard, { status: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusFirstError(formRef, state);
  const errors: Record<string, string | undefined> = state.status === "error" ? state.fieldErrors : {};
  const values: GuardFormValues =
    state.status === "error"
      ? { complaintRate: postedText(state, "complaintRate") ?? "", bounceRate: postedText(state, "bounceRate") ?? "", minDelivered: postedText(state, "minDelivered") ?? "" }
      : saved;
  return (
    <form ref={formRef} action={formAction} noValidate className="editor settings" data-testid="guard-form">
      <ArticleField idPrefix="guard" name="complaintRate" label="Complaint threshold (%)" error={errors.complaintRate} hint="A send pauses when its spam complaints pass this share of delivered copies. Default 0.3 (Gmail's and Yahoo's refusal line).">
        {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={values.complaintRate} className="short" />}
      </ArticleField>
      <ArticleField idPrefix="guard" name="bounceRate" label="Permanent bounce threshold (%)" error={errors.bounceRate} hint="A send pauses when its permanent bounces pass this share of copies sent. Default 5.">
        {(p) => <input {...p} type="text" inputMode="decimal" defaultValue={values.bounceRate} className="short" />}
      </ArticleField>
      <ArticleField idPrefix="guard" name="minDelivered" label="Copies before the guard weighs a send" error={errors.minDelivered} hint="Rates are weighed once at least this many copies went out. Default 1,000.">
        {(p) => <input {...p} type="text" inputMode="numeric" defaultValue={values.minDelivered} className="short" />}
      </ArticleField>
      <button type="submit" disabled={pending}>
        Save the send guard
      </button>
      <p role="status" aria-live="polite" className={state.status === "error" ? "error" : undefined}>
        {pending ? "Saving…" : state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}
