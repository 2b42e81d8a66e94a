"use client";

import Link from "next/link";
import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { PasskeyButton } from "@/components/signin/passkey-button";
import { ProviderButtons } from "@/components/signin/provider-buttons";
import { usePasskeyAutofill } from "@/components/signin/use-passkey-autofill";
import type { ProviderChoice } from "@/lib/auth/providers/configured";
import { CheckInbox } from "./check-inbox";
import { postForm } from "./post-form";
import { gateConsentSentence } from "@/lib/newsletter/consent-words";

type Props = {
  siteName: string;
  /** The article the reader joins from; none on the sign-in page. */
  articleSlug?: string | null;
  callbackUrl: string;
  mode: "join" | "signin";
  initialEmail?: string;
  initialError?: { field: "email" | null; message: string } | null;
  /** Which of the meter's forms this is, for the desk's figures: its notice or its wall. */
  source?: "meter-notice" | "meter-wall";
  /** The gift link the page was opened with: the join is credited to it if it still opens. */
  giftToken?: string;
  /** The join button's words (a wall experiment's variant); "Join" by default. */
  buttonLabel?: string;
  /** The newsletters offered by default, named in the consent box; none: no box. */
  offer?: string[];
  /** The identity providers this site has configured ("Continue with Google"). */
  providers?: ProviderChoice[];
};

/**
 * The join / sign-in form. Without JavaScript it is a plain POST to /signin/request;
 * with it, the same request is sent with fetch and the answer shown in place.
 */
export function JoinForm({
  siteName,
  articleSlug,
  callbackUrl,
  mode,
  initialEmail = "",
  initialError = null,
  source,
  giftToken,
  buttonLabel,
  offer = [],
  providers = [],
}: Props) {
  const id = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(initialError);
  // The browser's autofill on the email field offers this site's passkeys too.
  const autofillError = usePasskeyAutofill(formRef, callbackUrl);
  const [sentTo, setSentTo] = useState<string | null>(null);
  // Where the reader came to the site from, for the desk's figures (a class is kept, no more).
  const referrerRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (referrerRef.current) referrerRef.current.value = document.referrer.slice(0, 2048);
  }, []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    const answer = await postForm(e.currentTarget);
    setPending(false);
    if (answer.ok && answer.body.email) {
      setSentTo(answer.body.email);
      return;
    }
    const field = answer.body.field === "email" ? "email" : null;
    setError({ field, message: answer.body.message ?? "Please try again in a moment." });
    if (field) emailRef.current?.focus();
  }

  if (sentTo) {
    return <CheckInbox email={sentTo} callbackUrl={callbackUrl} siteName={siteName} focusOnMount />;
  }

  const emailError = error?.field === "email" ? error.message : null;
  const formError = (error && error.field !== "email" ? error.message : null) ?? autofillError;
  return (
    <>
    <form ref={formRef} method="post" action="/signin/request" noValidate onSubmit={onSubmit} data-testid="join-form">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <input type="hidden" name="intent" value={mode} />
      {articleSlug && <input type="hidden" name="article" value={articleSlug} />}
      {source && <input type="hidden" name="from" value={source} />}
      {giftToken && <input type="hidden" name="gift" value={giftToken} />}
      {mode === "join" && <input ref={referrerRef} type="hidden" name="referrer" defaultValue="" />}
      <div className="honey" aria-hidden="true">
        <label htmlFor={`${id}-website`}>Leave this field empty</label>
        <input id={`${id}-website`} name="website" type="text" tabIndex={-1} autoComplete="off" />
      </div>
      <div className="field">
        <label htmlFor={`${id}-email`}>Email address</label>
        <input
          ref={emailRef}
          id={`${id}-email`}
          name="email"
          type="email"
          inputMode="email"
          autoComplete="username webauthn"
          required
          maxLength={254}
          defaultValue={initialEmail}
          aria-invalid={emailError ? true : undefined}
          aria-describedby={emailError ? `${id}-email-error` : undefined}
          autoFocus={Boolean(emailError)}
        />
        {emailError && (
          <p className="error" id={`${id}-email-error`}>
            {emailError}
          </p>
        )}
      </div>
      {mode === "join" && offer.length > 0 && (
        <div className="check">
          <input id={`${id}-newsletter`} name="newsletter" type="checkbox" value="yes" />
          <label htmlFor={`${id}-newsletter`}>
            {gateConsentSentence(siteName, offer)}
          </label>
        </div>
      )}
      <button type="submit" disabled={pending} aria-disabled={pending}>
        {mode === "join" ? (buttonLabel ?? "Join") : "Email me a sign-in link"}
      </button>
      <p className={`status${formError ? " error" : ""}`} role="status" aria-live="polite">
        {pending ? "Sending…" : formError}
      </p>
      {mode === "join" && (
        <p>
          Already a member? <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Sign in</Link>
        </p>
      )}
    </form>
    <div className="other-ways">
      <PasskeyButton callbackUrl={callbackUrl} />
      <ProviderButtons providers={providers} callbackUrl={callbackUrl} articleSlug={articleSlug ?? null} />
    </div>
    </>
  );
}
