import Link from "next/link";
import type { Viewer } from "@/lib/access/viewer";
import { SignedInAs } from "./signed-in-as";

type Props = { siteName: string; viewer: Viewer; returnTo?: string };

/** The masthead: the signed-in address and Sign out, or Sign in. */
export function SiteHeader({ siteName, viewer, returnTo = "/" }: Props) {
  return (
    <header className="site-header">
      <div className="bar">
        <Link href="/" className="site-name">
          {siteName}
        </Link>
        <nav className="site-nav" aria-label="Account">
          {viewer.kind === "anonymous" ? (
            <Link href={`/signin?callbackUrl=${encodeURIComponent(returnTo)}`} className="button secondary">
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
              {viewer.kind === "editor" && <Link href="/desk">Desk</Link>}
              <Link href="/account">Account</Link>
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
