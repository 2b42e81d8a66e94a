import type { DeskState } from "@/lib/desk/action";
import styles from "./newsletter.module.css";

/** A newsletter desk form's submit button and its status line (aria-live): "Saving…", or the form's error. */
export function SaveActions({ label, pending, state }: { label: string; pending: boolean; state: DeskState<string> }) {
  return (
    <div className={styles.actions}>
      <button type="submit" disabled={pending}>
        {label}
      </button>
      <p role="status" aria-live="polite" className={state.status === "error" ? styles.error : undefined}>
        {pending ? "Saving…" : state.status === "error" ? state.message : ""}
      </p>
    </div>
  );
}
