"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect, useState } from "react";
import type { DeskAction, DeskState } from "@/lib/desk/action";
import { pauseNotice } from "@/lib/newsletter/pause-notice";
import type { IssueProgress as Progress } from "@/lib/newsletter/progress";
import styles from "./newsletter.module.css";


const n = (v: number) => v.toLocaleString("en-GB");

function phase(p: Progress): string {
  if (p.pause) return pauseNotice(p.pause);
  if (p.status === "sent") {
    const failed = p.failed ? `, ${n(p.failed)} failed` : "";
    const refused = p.refused ? `, ${n(p.refused)} refused by the mail server (no address suppressed)` : "";
    return `Sent: ${n(p.sent)} delivered${failed}${refused}.`;
  }
  if (!p.fannedOut) return "Preparing the list of subscribers and sending…";
  return "Sending…";
}

/** Resume a paused issue, or send again what the server refused once the issue finished. */
function ResumeForm({ issueId, resume, label }: { issueId: number; resume: DeskAction; label: string }) {
  const [state, action, pending] = useActionState(resume, { status: "idle" } as DeskState);
  return (
    <form action={action} className={styles.actions}>
      <input type="hidden" name="id" value={issueId} />
      <button type="submit" disabled={pending}>
        {label}
      </button>
      <p role="status" aria-live="polite" className={state.status === "error" ? styles.error : undefined}>
        {pending ? "Resuming…" : state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}

/** An issue's live progress: polls the progress route each second until the issue is sent. */
export function IssueProgress({ issueId, initial, resume }: { issueId: number; initial: Progress; resume: DeskAction }) {
  const [p, setP] = useState(initial);
  const done = p.status === "sent";
  const router = useRouter();
  // The page around the panel (its badge, the send panel) was rendered for the old status:
  // render it again. The page keys this panel by status, so it starts afresh.
  const changed = p.status !== initial.status;
  useEffect(() => {
    if (changed) router.refresh();
  }, [changed, router]);
  useEffect(() => {
    if (done) return;
    let stop = false;
    const timer = setInterval(async () => {
      try {
        const res = await fetch(`/desk/newsletters/${issueId}/progress`, { cache: "no-store" });
        if (res.ok && !stop) setP((await res.json()) as Progress);
      } catch {
        // A missed poll is retried a second later.
      }
    }, 1000);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [issueId, done]);
  const total = p.fannedOut ? p.recipients : Math.max(p.recipients, p.sent + p.failed + p.refused + p.skipped + p.queued + p.sending);
  const finished = p.sent + p.failed + p.refused + p.skipped;
  return (
    <section className={styles.panel} aria-labelledby="progress-heading" data-testid="issue-progress">
      <h2 id="progress-heading">Progress</h2>
      {/* Only the phase is announced: numbers changing every second would drown a screen reader. */}
      <p role="status" aria-live="polite" data-testid="issue-phase" className={p.pause ? styles.notice : undefined}>
        {phase(p)}
      </p>
      {p.status === "paused" && <ResumeForm issueId={issueId} resume={resume} label="Resume" />}
      {done && p.refused > 0 && <ResumeForm issueId={issueId} resume={resume} label={`Send the ${n(p.refused)} refused again`} />}
      <progress className={styles.bar} max={Math.max(total, 1)} value={finished} aria-label="Share of subscribers done" />
      <dl className={styles.counts}>
        <div>
          <dt>Queued</dt>
          <dd data-testid="count-queued">{n(p.queued + p.sending)}</dd>
        </div>
        <div>
          <dt>Sent</dt>
          <dd data-testid="count-sent">{n(p.sent)}</dd>
        </div>
        <div>
          <dt>Failed</dt>
          <dd data-testid="count-failed">{n(p.failed)}</dd>
        </div>
        <div>
          <dt>Refused</dt>
          <dd data-testid="count-refused">{n(p.refused)}</dd>
        </div>
        <div>
          <dt>Skipped</dt>
          <dd data-testid="count-skipped">{n(p.skipped)}</dd>
        </div>
      </dl>
      <p className={styles.hint}>
        {n(total)} subscriber{total === 1 ? "" : "s"}
        {p.fannedOut ? "" : " so far"}. Failed: the address does not exist (it is suppressed) or kept failing. Refused: the
        mail server refused the message itself; the address is kept and Resume sends it again. Skipped: unsubscribed after the
        issue was sent.
        {!done && (
          <>
            {" "}
            <a href={`/desk/newsletters/${issueId}`}>Refresh</a>
          </>
        )}
      </p>
    </section>
  );
}
