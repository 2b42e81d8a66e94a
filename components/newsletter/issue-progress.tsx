"use client";

import { useEffect, useState } from "react";
import type { IssueProgress as Progress } from "@/lib/newsletter/progress";
import styles from "./newsletter.module.css";

const n = (v: number) => v.toLocaleString("en-GB");

function phase(p: Progress): string {
  if (p.status === "sent") return `Sent: ${n(p.sent)} delivered${p.failed ? `, ${n(p.failed)} failed` : ""}.`;
  if (!p.fannedOut) return "Preparing the recipient list and sending…";
  return "Sending…";
}

/** An issue's live progress: polls the progress route each second until the issue is sent. */
export function IssueProgress({ issueId, initial }: { issueId: number; initial: Progress }) {
  const [p, setP] = useState(initial);
  const done = p.status === "sent";
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
  const total = p.fannedOut ? p.recipients : Math.max(p.recipients, p.sent + p.failed + p.skipped + p.queued + p.sending);
  const finished = p.sent + p.failed + p.skipped;
  return (
    <section className={styles.panel} aria-labelledby="progress-heading" data-testid="issue-progress">
      <h2 id="progress-heading">Progress</h2>
      {/* Only the phase is announced: numbers changing every second would drown a screen reader. */}
      <p role="status" aria-live="polite" data-testid="issue-phase">
        {phase(p)}
      </p>
      <progress className={styles.bar} max={Math.max(total, 1)} value={finished} aria-label="Share of recipients done" />
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
          <dt>Skipped</dt>
          <dd data-testid="count-skipped">{n(p.skipped)}</dd>
        </div>
      </dl>
      <p className={styles.hint}>
        {n(total)} recipient{total === 1 ? "" : "s"}
        {p.fannedOut ? "" : " so far"}. Failed: the address refused the mail for good (it is suppressed) or kept failing.
        Skipped: unsubscribed after the issue was sent.
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
