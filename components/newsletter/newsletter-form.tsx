"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import type { NewsletterField } from "@/lib/newsletter/newsletter-input";
import styles from "./newsletter.module.css";
import { SaveActions } from "./save-actions";

type Props = {
  action: DeskAction<NewsletterField>;
  newsletter?: { id: number; name: string; description: string; senderName: string; offeredByDefault: boolean; archived: boolean };
  siteName: string;
};

const asString = (v: unknown, fallback: string) => (typeof v === "string" ? v : fallback);

/** A newsletter's name, one-line description, sender name, and whether joiners are offered it. */
export function NewsletterForm({ action, newsletter, siteName }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState<NewsletterField>);
  const errors = state.status === "error" ? state.fieldErrors : {};
  const values = state.status === "error" ? state.values : undefined;
  const field = (name: "name" | "description" | "senderName", label: string, max: number, hint?: string) => {
    const value = asString(values?.[name], newsletter?.[name] ?? "");
    const describedBy = [hint ? `nl-${name}-hint` : "", errors[name] ? `nl-${name}-error` : ""].filter(Boolean).join(" ") || undefined;
    return (
      <div className={styles.field}>
        <label htmlFor={`nl-${name}`}>{label}</label>
        <input
          id={`nl-${name}`}
          name={name}
          type="text"
          maxLength={max}
          defaultValue={value}
          key={`${name}-${value}`}
          aria-invalid={errors[name] ? true : undefined}
          aria-describedby={describedBy}
        />
        {hint && (
          <p className={styles.hint} id={`nl-${name}-hint`}>
            {hint}
          </p>
        )}
        {errors[name] && (
          <p className={styles.error} id={`nl-${name}-error`}>
            {errors[name]}
          </p>
        )}
      </div>
    );
  };
  const offered = values ? values.offeredByDefault === "yes" : (newsletter?.offeredByDefault ?? false);
  return (
    <form action={formAction} noValidate className={styles.panel} data-testid="newsletter-form">
      {newsletter && <input type="hidden" name="id" value={newsletter.id} />}
      {field("name", "Name", 80, "Readers see it in the join box, on their account page and in every issue's footer.")}
      {field("description", "Description", 200, "One line, shown on the reader's account page.")}
      {field("senderName", "Sender name", 80, `The name its mail comes from; empty: ${siteName}.`)}
      <div className={styles.field}>
        <label>
          <input type="checkbox" name="offeredByDefault" value="yes" defaultChecked={offered} key={`offered-${offered}`} disabled={newsletter?.archived} />{" "}
          Offer it to readers who join from an article
        </label>
        {errors.offeredByDefault && <p className={styles.error}>{errors.offeredByDefault}</p>}
      </div>
      <SaveActions label={newsletter ? "Save newsletter" : "Create newsletter"} pending={pending} state={state} />
    </form>
  );
}
