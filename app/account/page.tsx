import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { formatDate } from "@/components/format";
import { NewsletterSetting } from "@/components/newsletter/newsletter-setting";
import { currentViewer } from "@/lib/auth";
import { accountSummary } from "@/lib/account/queries";
import { env } from "@/lib/config/env";
import { namedEntry } from "@/lib/http/named-entry";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

const NOTICES: Record<string, string> = {
  "signed-out-elsewhere": "Every other session of your account has been signed out.",
  subscribed: "You are subscribed to the newsletter.",
  pending: "Almost there: sign in with the link we email you to confirm your address, and the newsletter starts.",
  unsubscribed: "You are unsubscribed. No more newsletters will come to this address.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect("/signin?callbackUrl=%2Faccount");
  const account = await accountSummary(viewer.userId);
  if (!account) redirect("/signin?callbackUrl=%2Faccount");
  const q = await searchParams;
  const notice = namedEntry(NOTICES, q.notice);
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
          </dl>
          <h2>Newsletter</h2>
          <NewsletterSetting status={account.newsletter} siteName={env.siteName} />
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
          <h2>Your data</h2>
          <p>
            <a href="/account/export" download>
              Export my data
            </a>{" "}
            (a JSON file: your account, newsletter subscription, sign-ins and the articles you joined from)
          </p>
          <p>
            <a href="/account/delete">Delete my account</a>
          </p>
        </div>
      </main>
    </>
  );
}
