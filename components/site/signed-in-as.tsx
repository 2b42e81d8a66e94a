"use client";

import { useSyncExternalStore } from "react";
import routes from "@/lib/render/routes";

const { WHO_COOKIE } = routes;

const WHO = new RegExp(`(?:^|;\\s*)${WHO_COOKIE}=([^;]+)`);

function readWho(): string | null {
  const m = WHO.exec(document.cookie);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]);
  } catch {
    return null; // not one server.js wrote: show no address rather than break the page
  }
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
