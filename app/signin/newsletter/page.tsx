import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { env } from "@/lib/config/env";
import { gateConsentSentence } from "@/lib/newsletter/consent-words";
import { defaultNewsletters } from "@/lib/newsletter/newsletters";

export const metadata: Metadata = { title: "Newsletter", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * After "Continue with Google" for a new account: the provider said nothing about the
 * newsletter, so Lede asks, on its own page, before the article. No answer is assumed.
 */
export default async function NewsletterQuestion({ searchParams }: Props) {
  const q = await searchParams;
  const callbackUrl = safeCallbackPath(typeof q.callbackUrl === "string" ? q.callbackUrl : undefined);
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect(`/signin?${new URLSearchParams({ callbackUrl })}`);
  const offer = (await defaultNewsletters()).map((n) => n.name);
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo={callbackUrl} />
      <main id="main" className="narrow">
        <div className="notice">
          <h1>You’re signed in</h1>
          <p>{`One question before you read on: would you like ${offer.length === 1 ? "our newsletter" : "our newsletters"}?`}</p>
          <form method="post" action="/signin/newsletter/answer">
            <input type="hidden" name="callbackUrl" value={callbackUrl} />
            <div className="check">
              <input id="newsletter-consent" name="newsletter" type="checkbox" value="yes" />
              <label htmlFor="newsletter-consent">{gateConsentSentence(env.siteName, offer)}</label>
            </div>
            <button type="submit">Continue reading</button>
          </form>
        </div>
      </main>
    </>
  );
}
