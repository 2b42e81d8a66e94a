"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import { subscribersLabel } from "@/lib/newsletter/send/readiness";
import type { SubscriberCounts } from "@/lib/newsletter/subscriptions";
import styles from "./newsletter.module.css";


type Props = {
  issueId: number;
  editorEmail: string;
  counts: SubscriberCounts;
  /** Why the issue cannot be sent now (server-decided), or null. */
  blocked: string | null;
  sendTest: DeskAction;
  sendIssue: DeskAction;
};

function Status({ state, pending, busy }: { state: DeskState; pending: boolean; busy: string }) {
  const cls = state.status === "error" ? styles.error : state.status === "ok" ? styles.ok : undefined;
  return (
    <p role="status" aria-live="polite" className={cls}>
      {pending ? busy : state.status === "idle" ? "" : state.message}
    </p>
  );
}

/** "Send a test to yourself", then "Send to N subscribers" behind a confirm box, or why it cannot be sent. */
export function SendControls({ issueId, editorEmail, counts, blocked, sendTest, sendIssue }: Props) {
  const [testState, testAction, testPending] = useActionState(sendTest, { status: "idle" } as DeskState);
  const [sendState, sendAction, sendPending] = useActionState(sendIssue, { status: "idle" } as DeskState);
  const confirmError = sendState.status === "error" ? sendState.fieldErrors.confirm : undefined;
  const people = subscribersLabel(counts.subscribers);
  return (
    <section className={styles.panel} aria-labelledby="send-heading">
      <h2 id="send-heading">Send</h2>
      <p data-testid="send-audience">
        Goes to every subscriber: {people}.
        {counts.waiting > 0 &&
          ` ${counts.waiting.toLocaleString("en-GB")} more ${counts.waiting === 1 ? "is waiting for confirmation and gets" : "are waiting for confirmation and get"} nothing until they confirm their address.`}
      </p>
      <form action={testAction} className={`${styles.actions} ${styles.spaced}`}>
        <input type="hidden" name="id" value={issueId} />
        <button type="submit" className="secondary" disabled={testPending}>
          Send a test to {editorEmail}
        </button>
        <Status state={testState} pending={testPending} busy="Sending the test…" />
      </form>
      <form action={sendAction} noValidate>
        <input type="hidden" name="id" value={issueId} />
        {!blocked && (
          <div className="check">
            <input
              id="confirm-send"
              name="confirm"
              type="checkbox"
              value="yes"
              aria-invalid={confirmError ? true : undefined}
              aria-describedby={confirmError ? "confirm-send-error" : undefined}
            />
            <label htmlFor="confirm-send">I have checked the preview: send this issue to {people} now.</label>
          </div>
        )}
        {confirmError && (
          <p className={styles.error} id="confirm-send-error">
            {confirmError}
          </p>
        )}
        <div className={styles.actions}>
          <button type="submit" disabled={sendPending || blocked !== null} aria-describedby={blocked ? "send-blocked" : undefined}>
            Send to {people}
          </button>
          {blocked ? (
            <p id="send-blocked" data-testid="send-blocked" className={styles.hint}>
              {blocked}
            </p>
          ) : (
            <Status state={confirmError ? { status: "idle" } : sendState} pending={sendPending} busy="Starting…" />
          )}
        </div>
      </form>
    </section>
  );
}
