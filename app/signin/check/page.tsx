import type { Metadata } from "next";
import { CODE_NOT_ACCEPTED } from "@/lib/auth/redeem";
import { cookies } from "next/headers";
import { CheckInbox } from "@/components/gate/check-inbox";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS } from "@/lib/access/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { PENDING_ADDRESS_COOKIE } from "@/lib/auth/cookie";
import { parseEmail } from "@/lib/auth/email-address";
import { env } from "@/lib/config/env";
import { namedEntry } from "@/lib/http/named-entry";

export const metadata: Metadata = { title: "Check your inbox", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

// One answer whatever went wrong (lib/auth/redeem.ts); no_code is an older link's name for it.
const CODE_ERRORS: Record<string, string> = { wrong_code: CODE_NOT_ACCEPTED, no_code: CODE_NOT_ACCEPTED };

/**
 * Where a form posted without JavaScript lands after asking for a sign-in email. The
 * address comes from a cookie the request set, never from the URL.
 */
export default async function CheckInboxPage({ searchParams }: Props) {
  const q = await searchParams;
  const email = parseEmail((await cookies()).get(PENDING_ADDRESS_COOKIE)?.value)?.asTyped ?? null;
  const callbackUrl = safeCallbackPath(q.callbackUrl);
  const error = namedEntry(CODE_ERRORS, q.error);
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={ANONYMOUS} returnTo={callbackUrl} />
      <main id="main" className="narrow">
        <div className="notice">
          {email ? (
            <CheckInbox email={email} callbackUrl={callbackUrl} siteName={env.siteName} initialError={error} />
          ) : (
            <p>
              Please <a href="/signin">start again</a> with your email address.
            </p>
          )}
        </div>
      </main>
    </>
  );
}
