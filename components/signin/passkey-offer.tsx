"use client";

import { useState, useSyncExternalStore } from "react";
import { cookieValue } from "@/lib/http/cookies";
import { useWebAuthnSupport } from "./browser-support";
import { addPasskey } from "./passkey-client";

const OFFER_COOKIE = "lede-passkey-offer";

const noSubscription = () => () => {};
const offerCookieSet = () => cookieValue(document.cookie, OFFER_COOKIE) === "1";

function clearOffer() {
  document.cookie = `${OFFER_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
}

/**
 * "Sign in faster next time with a passkey", on the page a reader lands on after signing in
 * by link, code or provider (the sign-in set a cookie saying so; it is read here, in the
 * browser, so the members' shared page stays one page). Dismissed with "Not now".
 */
export function PasskeyOffer() {
  const offered = useSyncExternalStore(noSubscription, offerCookieSet, () => false);
  const supported = useWebAuthnSupport();
  const [state, setState] = useState<"offered" | "adding" | "added" | "hidden">("offered");
  const [message, setMessage] = useState<string | null>(null);
  // Once the reader acted on it, it stays until closed (adding clears the cookie).
  if (state === "hidden" || (state === "offered" && (!offered || !supported))) return null;

  async function add() {
    setState("adding");
    setMessage(null);
    const outcome = await addPasskey();
    if (outcome.ok) {
      clearOffer();
      setState("added");
      return;
    }
    setState("offered");
    setMessage(outcome.message);
  }

  function dismiss() {
    clearOffer();
    setState("hidden");
  }

  return (
    <aside className="passkey-offer" aria-labelledby="passkey-offer-title" data-testid="passkey-offer">
      <p id="passkey-offer-title">
        <strong>{state === "added" ? "Passkey added." : "Sign in faster next time with a passkey"}</strong>{" "}
        {state === "added"
          ? "Next time, choose “Sign in with a passkey”, or pick it in the email field."
          : "Your fingerprint, face or screen lock instead of an email."}
      </p>
      {state !== "added" ? (
        <p>
          <button type="button" onClick={add} disabled={state === "adding"} aria-disabled={state === "adding"}>
            Add a passkey
          </button>{" "}
          <button type="button" className="secondary" onClick={dismiss}>
            Not now
          </button>
        </p>
      ) : (
        <p>
          <button type="button" className="secondary" onClick={dismiss}>
            Close
          </button>
        </p>
      )}
      <p className={`status${message ? " error" : ""}`} role="status" aria-live="polite">
        {state === "adding" ? "Waiting for your device…" : message}
      </p>
    </aside>
  );
}
