import Link from "next/link";
import type { Viewer } from "@/lib/access/viewer";
import { SignedInAs } from "./signed-in-as";

type Props = { siteName: string; viewer: Viewer; returnTo?: string };

/**
 * The masthead: the signed-in address and Sign out, or Sign in. Links here and on article
 * cards do not prefetch: on a busy day every reader's page would otherwise send the
 * server several more requests (the sign-in page's a full render each), for clicks that
 * mostly never come.
 */
export function SiteHeader({ siteName, viewer, returnTo = "/" }: Props) {
  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="site-name" prefetch={false}>
          {siteName}
        </Link>
        <nav className="site-nav" aria-label="Account">
          {viewer.kind === "anonymous" ? (
            <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className="button secondary" prefetch={false}>
              Sign in
            </Link>
          ) : (
            <>
              {viewer.email ? (
                <span className="who" data-testid="signed-in-as">
                  {viewer.email}
                </span>
              ) : (
                <SignedInAs />
              )}
              {viewer.kind === "editor" && (
                <Link href="/desk" prefetch={false}>
                  Desk
                </Link>
              )}
              <Link href="/account" prefetch={false}>
                Account
              </Link>
              <form method="post" action="/signout" className="inline-form">
                <input type="hidden" name="callbackUrl" value={returnTo} />
                <button type="submit" className="secondary">
                  Sign out
                </button>
              </form>
            </>
          )}
        </nav>
      </div>
    </header>
  );
}
