"use client";

import { browserSupportsWebAuthnAutofill } from "@simplewebauthn/browser";
import { useEffect, useState, type RefObject } from "react";
import { passkeySignIn } from "./passkey-client";

/**
 * Conditional mediation: once the form is on screen, the browser is asked to offer this
 * site's passkeys in the email field's autofill (autocomplete="username webauthn"). A reader
 * who picks one is signed in and taken to `callbackUrl`. Asked only when the form is seen,
 * since each ask stores a challenge. Returns a message when a picked passkey was refused.
 */
export function usePasskeyAutofill(formRef: RefObject<HTMLFormElement | null>, callbackUrl: string): string | null {
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    const form = formRef.current;
    if (!form || typeof IntersectionObserver === "undefined") return;
    let started = false;
    const observer = new IntersectionObserver(async (entries) => {
      if (started || !entries.some((e) => e.isIntersecting)) return;
      started = true;
      observer.disconnect();
      if (!(await browserSupportsWebAuthnAutofill())) return;
      const outcome = await passkeySignIn(callbackUrl, true);
      if (outcome.ok) window.location.assign(outcome.redirectTo ?? "/");
      else if (outcome.message && outcome.asked !== false) setMessage(outcome.message);
    });
    observer.observe(form);
    return () => observer.disconnect();
  }, [formRef, callbackUrl]);
  return message;
}
