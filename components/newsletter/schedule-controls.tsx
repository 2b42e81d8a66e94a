"use client";

import { useActionState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import styles from "./newsletter.module.css";

type Props = {
  issueId: number;
  timeZone: string;
  /** Set when scheduled: when, as the desk shows it in the site's zone. */
  scheduledFor: string | null;
  /** The datetime-local field's value to offer (the scheduled time, or the next hour), in the zone. */
  initial: string;
  schedule: DeskAction;
  cancel: DeskAction;
};

/** "Schedule" a draft for a time in the site's zone, or "Cancel" a schedule while sending has not started. */
export function ScheduleControls({ issueId, timeZone, scheduledFor, initial, schedule, cancel }: Props) {
  const [state, scheduleAction, pending] = useActionState(schedule, { status: "idle" } as DeskState);
  const [cancelState, cancelAction, cancelling] = useActionState(cancel, { status: "idle" } as DeskState);
  const error = state.status === "error" ? state.message : null;
  return (
    <section className={styles.panel} aria-labelledby="schedule-heading" data-testid="schedule-controls">
      <h2 id="schedule-heading">Schedule</h2>
      {scheduledFor ? (
        <form action={cancelAction} className={styles.actions}>
          <input type="hidden" name="id" value={issueId} />
          <p data-testid="scheduled-for">
            Goes out on <strong>{scheduledFor}</strong>.
          </p>
          <button type="submit" className="secondary" disabled={cancelling}>
            Cancel the schedule
          </button>
          <p role="status" aria-live="polite" className={cancelState.status === "error" ? styles.error : undefined}>
            {cancelling ? "Cancelling…" : cancelState.status === "error" ? cancelState.message : ""}
          </p>
        </form>
      ) : (
        <form action={scheduleAction} className={styles.field} noValidate>
          <input type="hidden" name="id" value={issueId} />
          <label htmlFor="schedule-at">Send on (time in {timeZone})</label>
          <div className={styles.actions}>
            <input
              id="schedule-at"
              name="scheduledAt"
              type="datetime-local"
              defaultValue={initial}
              required
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? "schedule-error" : undefined}
            />
            <button type="submit" className="secondary" disabled={pending}>
              Schedule
            </button>
          </div>
          <p role="status" aria-live="polite" id="schedule-error" className={error ? styles.error : undefined}>
            {pending ? "Scheduling…" : (error ?? "")}
          </p>
        </form>
      )}
    </section>
  );
}
