"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import styles from "./newsletter.module.css";

type Props = {
  action: DeskAction;
  fields: Record<string, string | number>;
  label: string;
  busy: string;
  secondary?: boolean;
  testId?: string;
};

/** One button that runs a desk action with a few hidden fields, and says how it went. */
export function ActionButton({ action, fields, label, busy, secondary = true, testId }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" } as DeskState);
  return (
    <form action={formAction} className={styles.actions} data-testid={testId}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className={secondary ? "secondary" : undefined} disabled={pending}>
        {label}
      </button>
      <p role="status" aria-live="polite" className={state.status === "error" ? styles.error : state.status === "ok" ? styles.ok : undefined}>
        {pending ? busy : state.status === "idle" ? "" : state.message}
      </p>
    </form>
  );
}
