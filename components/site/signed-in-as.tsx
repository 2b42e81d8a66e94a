"use client";

import { useSyncExternalStore } from "react";
import { WHO_COOKIE } from "@/lib/auth/cookie-names";
import { cookieValue, decodeCookie } from "@/lib/http/cookies";

function readWho(): string | null {
  const raw = cookieValue(document.cookie, WHO_COOKIE);
  // One that does not decode is not one the front server wrote: no address rather than a broken page.
  return raw ? decodeCookie(raw) : null;
}

const noSubscription = () => () => {};

/**
 * The reader's address in the members' shared render, which names no one: read from
 * the cookie the front server sets after it found this reader's session. Nothing without it.
 */
export function SignedInAs() {
  const email = useSyncExternalStore(noSubscription, readWho, () => null);
  if (!email) return null;
  return (
    <span className="who" data-testid="signed-in-as">
      {email}
    </span>
  );
}
