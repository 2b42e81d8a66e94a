"use client";

import { useSyncExternalStore } from "react";
import routes from "@/lib/render/routes";
import { cookieValue, decodeCookie } from "@/lib/http/cookies";

const { WHO_COOKIE } = routes;

function readWho(): string | null {
  const raw = cookieValue(document.cookie, WHO_COOKIE);
  // One that does not decode is not one server.js wrote: no address rather than a broken page.
  return raw ? decodeCookie(raw) : null;
}

const noSubscription = () => () => {};

/**
 * The reader's address in the members' shared render, which names no one: read from
 * the cookie server.js sets after it found this reader's session. Nothing without it.
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
