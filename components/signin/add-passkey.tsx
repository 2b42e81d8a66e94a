"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWebAuthnSupport } from "./browser-support";
import { addPasskey } from "./passkey-client";

/** "Add a passkey" on /account. */
export function AddPasskey({ hasPasskeys }: { hasPasskeys: boolean }) {
  const router = useRouter();
  const supported = useWebAuthnSupport();
  const [pending, setPending] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  if (!supported) return <p>This browser cannot use passkeys.</p>;

  async function onClick() {
    setPending(true);
    setMessage(null);
    const outcome = await addPasskey();
    setPending(false);
    if (outcome.ok) {
      setMessage(`Passkey added${outcome.name ? ` (${outcome.name})` : ""}.`);
      document.cookie = "lede-passkey-offer=; Path=/; Max-Age=0; SameSite=Lax";
      router.refresh();
    } else setMessage(outcome.message);
  }

  return (
    <div>
      {!hasPasskeys && <p>Sign in faster next time with a passkey: your fingerprint, face or screen lock instead of an email.</p>}
      <button type="button" onClick={onClick} disabled={pending} aria-disabled={pending}>
        Add a passkey
      </button>
      <p className="status" role="status" aria-live="polite" data-testid="add-passkey-status">
        {pending ? "Waiting for your device…" : message}
      </p>
    </div>
  );
}
