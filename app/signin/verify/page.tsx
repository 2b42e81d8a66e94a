import type { Metadata } from "next";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS } from "@/lib/access/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { normaliseEmail } from "@/lib/auth/email-address";
import { inspectLink } from "@/lib/auth/redeem";
import { env } from "@/lib/env";

export const metadata: Metadata = {
  title: "Sign in",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The page an emailed link opens. Opening it (a GET, as mail scanners and link
 * previews do) uses nothing: only the Continue button's POST signs in.
 */
export default async function VerifyLinkPage({ searchParams }: Props) {
  const q = await searchParams;
  const email = normaliseEmail(q.email);
  const token = typeof q.token === "string" ? q.token : "";
  const callbackUrl = safeCallbackPath(q.callbackUrl);
  const state = email ? await inspectLink(email, token) : "invalid";
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={ANONYMOUS} returnTo={callbackUrl} />
      <main id="main" className="narrow">
        <div className="notice" data-testid="verify">
          {state === "valid" && (
            <>
              <h1>Sign in to {env.siteName}</h1>
              <p>
                You are signing in as <strong>{email}</strong>.
              </p>
              <form method="post" action="/signin/verify/confirm">
                <input type="hidden" name="email" value={email!} />
                <input type="hidden" name="token" value={token} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <button type="submit" autoFocus>
                  Continue
                </button>
              </form>
            </>
          )}
          {(state === "used" || state === "expired") && (
            <>
              <h1>{state === "used" ? "This link has already been used" : "This link has expired"}</h1>
              <p>
                {state === "used"
                  ? "Each sign-in link works once. "
                  : "Sign-in links work for 24 hours. "}
                We can send a new one to <strong>{email}</strong>.
              </p>
              <form method="post" action="/signin/request">
                <input type="hidden" name="email" value={email!} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <input type="hidden" name="intent" value="signin" />
                <button type="submit">Email me a new link</button>
              </form>
            </>
          )}
          {state === "invalid" && (
            <>
              <h1>This link is not valid</h1>
              <p>
                It may have been copied incompletely. <a href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>Ask for a new sign-in email</a>.
              </p>
            </>
          )}
        </div>
      </main>
    </>
  );
}
