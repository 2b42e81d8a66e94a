import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { JoinForm } from "@/components/gate/join-form";
import { SiteHeader } from "@/components/site/site-header";
import { currentViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { SIGN_IN_MESSAGES } from "@/lib/auth/request-sign-in";
import { PROVIDER_MESSAGES } from "@/lib/auth/providers/messages";
import { configuredProviders } from "@/lib/auth/providers/configured";
import { findTeaser } from "@/lib/articles/queries";
import { env } from "@/lib/config/env";
import { namedEntry } from "@/lib/http/named-entry";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

/** Sign in (or, arriving from a gate without JavaScript, join) with an email address. */
export default async function SignInPage({ searchParams }: Props) {
  const q = await searchParams;
  const callbackUrl = safeCallbackPath(one(q.callbackUrl));
  const viewer = await currentViewer();
  if (viewer.kind !== "anonymous") redirect(callbackUrl);
  const slug = one(q.article);
  const article = slug ? await findTeaser(slug) : null;
  const joining = one(q.intent) === "join" && article?.status === "published";
  const code = one(q.error);
  const message = namedEntry(SIGN_IN_MESSAGES, code) ?? namedEntry(PROVIDER_MESSAGES, code);
  const fieldError = code === "invalid_email" || code === "blocked_email";
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo={callbackUrl} />
      <main id="main" className="narrow">
        <div className="notice">
          <h1>{joining ? `Join ${env.siteName}` : `Sign in to ${env.siteName}`}</h1>
          <p>
            {joining
              ? `Enter your email address to read “${article!.title}” and other premium articles, free.`
              : "Enter your email address and we'll send you a link and a code to sign in. No password needed."}
          </p>
          <JoinForm
            siteName={env.siteName}
            mode={joining ? "join" : "signin"}
            articleSlug={joining ? article!.slug : null}
            callbackUrl={callbackUrl}
            initialError={message ? { field: fieldError ? "email" : null, message } : null}
            providers={configuredProviders()}
          />
          {!joining && (
            <p>
              New here? The same form creates your free account.
            </p>
          )}
        </div>
      </main>
    </>
  );
}
