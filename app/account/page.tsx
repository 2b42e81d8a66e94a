import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { formatDate } from "@/components/site/format";
import { currentViewer } from "@/lib/auth";
import { accountSummary } from "@/lib/account/queries";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

const NEWSLETTER_STATUS = {
  none: "Not subscribed",
  pending: "Waiting for you to confirm your address",
  active: "Subscribed",
  unsubscribed: "Unsubscribed",
  suppressed: "Paused: mail to this address could not be delivered",
} as const;

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect("/signin?callbackUrl=%2Faccount");
  const account = await accountSummary(viewer.userId);
  if (!account) redirect("/signin?callbackUrl=%2Faccount");
  const q = await searchParams;
  const notice = q.notice === "signed-out-elsewhere" ? "Every other session of your account has been signed out." : null;
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo="/" />
      <main id="main" className="narrow">
        <div className="notice">
          <h1>Your account</h1>
          <p role="status" aria-live="polite">
            {notice}
          </p>
          <dl>
            <dt>Email</dt>
            <dd data-testid="account-email">{account.email}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(account.createdAt)}</dd>
            <dt>Newsletter</dt>
            <dd data-testid="newsletter-status">{NEWSLETTER_STATUS[account.newsletter]}</dd>
          </dl>
          <h2>Sessions</h2>
          <form method="post" action="/signout" className="inline-form">
            <input type="hidden" name="callbackUrl" value="/" />
            <button type="submit" className="secondary">
              Sign out
            </button>
          </form>{" "}
          <form method="post" action="/account/sign-out-everywhere" className="inline-form">
            <button type="submit" className="secondary">
              Sign out everywhere
            </button>
          </form>
        </div>
      </main>
    </>
  );
}
