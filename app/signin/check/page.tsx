import type { Metadata } from "next";
import { CheckInbox } from "@/components/gate/check-inbox";
import { SiteHeader } from "@/components/site/site-header";
import { ANONYMOUS } from "@/lib/access/viewer";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { normaliseEmail } from "@/lib/auth/email-address";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your inbox", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const CODE_ERRORS: Record<string, string> = {
  wrong_code: "That code is not right. Please check the email and try again.",
  no_code: "This code has expired or was tried too often. Ask for a new email below.",
};

/** Where a form posted without JavaScript lands after asking for a sign-in email. */
export default async function CheckInboxPage({ searchParams }: Props) {
  const q = await searchParams;
  const email = normaliseEmail(q.email);
  const callbackUrl = safeCallbackPath(q.callbackUrl);
  const error = typeof q.error === "string" ? (CODE_ERRORS[q.error] ?? null) : null;
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
