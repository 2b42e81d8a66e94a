import type { Metadata } from "next";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS } from "@/lib/access/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { inspectLink } from "@/lib/auth/sign-in-tokens";
import { env } from "@/lib/config/env";

export const metadata: Metadata = {
  title: "Sign in",
  robots: { index: false, follow: false },
  referrer: "no-referrer",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The page an emailed link opens. Opening it (a GET, as mail scanners and link
 * previews do) uses nothing: only the Continue button's POST signs in. The token alone
 * says which sign-in it is; the address is not in the link.
 */
export default async function VerifyLinkPage({ searchParams }: Props) {
  const q = await searchParams;
  const token = typeof q.token === "string" ? q.token : "";
  const link = await inspectLink(token);
  const callbackUrl = safeCallbackPath(link.callbackUrl);
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={ANONYMOUS} returnTo={callbackUrl} />
      <main id="main" className="narrow">
        <div className="notice" data-testid="verify">
          {link.state === "valid" && (
            <>
              <h1>Sign in to {env.siteName}</h1>
              <p>
                You are signing in as <strong>{link.sentTo}</strong>.
              </p>
              <form method="post" action="/signin/verify/confirm">
                <input type="hidden" name="token" value={token} />
                <button type="submit" autoFocus>
                  Continue
                </button>
              </form>
            </>
          )}
          {(link.state === "used" || link.state === "expired") && (
            <>
              <h1>{link.state === "used" ? "This link has already been used" : "This link has expired"}</h1>
              <p>
                {link.state === "used" ? "Each sign-in link works once. " : "Sign-in links work for 24 hours. "}
                We can send a new one to <strong>{link.sentTo}</strong>.
              </p>
              <form method="post" action="/signin/request">
                <input type="hidden" name="email" value={link.sentTo ?? ""} />
                <input type="hidden" name="callbackUrl" value={callbackUrl} />
                <input type="hidden" name="intent" value="signin" />
                <button type="submit">Email me a new link</button>
              </form>
            </>
          )}
          {link.state === "invalid" && (
            <>
              <h1>This link is not valid</h1>
              <p>
                It may have been copied incompletely. <a href="/signin">Ask for a new sign-in email</a>.
              </p>
            </>
          )}
        </div>
      </main>
    </>
  );
}
