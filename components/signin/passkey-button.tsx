"use client";

import { useState } from "react";
import { useWebAuthnSupport } from "./browser-support";
import { passkeySignIn } from "./passkey-client";

/** "Sign in with a passkey" on the gate and /signin; shown only where the browser can. */
export function PasskeyButton({ callbackUrl }: { callbackUrl: string }) {
  const supported = useWebAuthnSupport();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!supported) return null;

  async function onClick() {
    setPending(true);
    setMessage(null);
    const outcome = await passkeySignIn(callbackUrl);
    if (outcome.ok) {
      window.location.assign(outcome.redirectTo ?? "/");
      return;
    }
    setPending(false);
    setMessage(outcome.message);
  }

  return (
    <div className="passkey-signin">
      <button type="button" className="secondary" onClick={onClick} disabled={pending} aria-disabled={pending}>
        Sign in with a passkey
      </button>
      <p className={`status${message ? " error" : ""}`} role="status" aria-live="polite" data-testid="passkey-status">
        {pending ? "Waiting for your passkey…" : message}
      </p>
    </div>
  );
}
