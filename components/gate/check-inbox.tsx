"use client";

import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { postForm } from "./post-form";

type Props = {
  email: string;
  callbackUrl: string;
  siteName: string;
  focusOnMount?: boolean;
  initialError?: string | null;
};

/** "Check your inbox", with the field for the code from the same email. */
export function CheckInbox({ email, callbackUrl, siteName, focusOnMount = false, initialError = null }: Props) {
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(initialError);
  const [status, setStatus] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (focusOnMount) headingRef.current?.focus();
  }, [focusOnMount]);

  async function onCode(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    setStatus("Checking…");
    const answer = await postForm(e.currentTarget);
    if (answer.ok && answer.body.redirectTo) {
      setStatus("Signed in. Loading…");
      window.location.assign(answer.body.redirectTo);
      return;
    }
    setPending(false);
    setStatus(null);
    setError(answer.body.message ?? "Please try again in a moment.");
    codeRef.current?.focus();
  }

  async function onResend(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setStatus("Sending…");
    const answer = await postForm(e.currentTarget);
    setStatus(answer.ok ? `We sent a new email to ${email}.` : (answer.body.message ?? "Please try again in a moment."));
  }

  return (
    <div className="check-inbox" data-testid="check-inbox">
      <h2 ref={headingRef} tabIndex={-1}>
        Check your inbox
      </h2>
      <p>
        We sent an email to <strong data-testid="sent-to">{email}</strong>. Open the link in it to continue to{" "}
        {siteName}, on any device. Or type the 6-digit code from the same email here:
      </p>
      <form method="post" action="/signin/code" noValidate onSubmit={onCode}>
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <div className="field">
          <label htmlFor={`${id}-code`}>Code from the email</label>
          <input
            ref={codeRef}
            id={`${id}-code`}
            name="code"
            type="text"
            className="code-input"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="[0-9]{6}"
            maxLength={7}
            required
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-code-error` : undefined}
          />
          {error && (
            <p className="error" id={`${id}-code-error`}>
              {error}
            </p>
          )}
        </div>
        <button type="submit" disabled={pending}>
          Sign in with code
        </button>
      </form>
      <form method="post" action="/signin/request" onSubmit={onResend} className="resend">
        <input type="hidden" name="email" value={email} />
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="intent" value="signin" />
        <p>
          No email after a few minutes? Check your spam folder, or{" "}
          <button type="submit" className="link">
            send it again
          </button>
          .
        </p>
      </form>
      <p className="status" role="status" aria-live="polite">
        {status}
      </p>
    </div>
  );
}
