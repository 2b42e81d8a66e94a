import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import { formatDate } from "@/components/format";
import { NewsletterSettings } from "@/components/newsletter/newsletter-setting";
import { AddPasskey } from "@/components/signin/add-passkey";
import { listPasskeys } from "@/lib/auth/passkeys/register";
import { currentViewer } from "@/lib/auth";
import { accountNewsletters, accountSummary } from "@/lib/account/queries";
import { env } from "@/lib/config/env";
import { GiftList } from "@/components/gifts/gift-list";
import { giftsMadeThisMonth, memberGifts } from "@/lib/gifts/links";
import { giftSettings } from "@/lib/gifts/settings";
import { namedEntry } from "@/lib/http/named-entry";

export const metadata: Metadata = { title: "Your account", robots: { index: false } };
export const dynamic = "force-dynamic";

const NOTICES: Record<string, string> = {
  "signed-out-elsewhere": "Every other session of your account has been signed out.",
  subscribed: "You are subscribed to the newsletter.",
  pending: "Almost there: sign in with the link we email you to confirm your address, and the newsletter starts.",
  unsubscribed: "You are unsubscribed from that newsletter.",
  "unsubscribed-all": "You are unsubscribed. No more newsletters will come to this address.",
  closed: "That newsletter takes no new subscribers.",
  "passkey-removed": "The passkey was removed. It can no longer sign you in.",
  "passkey-not-found": "That passkey was already removed.",
};

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AccountPage({ searchParams }: Props) {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect("/signin?callbackUrl=%2Faccount");
  const [account, gifts, madeThisMonth, giftRules] = await Promise.all([
    accountSummary(viewer.userId),
    memberGifts(viewer.userId),
    giftsMadeThisMonth(viewer.userId),
    giftSettings(),
  ]);
  if (!account) redirect("/signin?callbackUrl=%2Faccount");
  const [q, newsletters, keys] = await Promise.all([searchParams, accountNewsletters(viewer.userId), listPasskeys(viewer.userId)]);
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
          <h2>Newsletters</h2>
          <NewsletterSettings newsletters={newsletters} siteName={env.siteName} />
          <h2>Gift links</h2>
          <GiftList gifts={gifts} madeThisMonth={madeThisMonth} settings={giftRules} />
          <h2>Passkeys</h2>
          {keys.length > 0 && (
            <table className="passkeys" data-testid="passkeys">
              <thead>
                <tr>
                  <th scope="col">Passkey</th>
                  <th scope="col">Added</th>
                  <th scope="col">Last used</th>
                  <th scope="col">
                    <span className="visually-hidden">Remove</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.map((k) => (
                  <tr key={k.id}>
                    <td>{k.name}</td>
                    <td>{formatDate(k.createdAt)}</td>
                    <td>{k.lastUsedAt ? formatDate(k.lastUsedAt) : "Never"}</td>
                    <td>
                      <form method="post" action="/account/passkeys/remove" className="inline-form">
                        <input type="hidden" name="id" value={k.id} />
                        <button type="submit" className="secondary" aria-label={`Remove ${k.name}, added ${formatDate(k.createdAt)}`}>
                          Remove
                        </button>
                      </form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <AddPasskey hasPasskeys={keys.length > 0} />
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
            (a JSON file: your account, newsletter subscription, sign-ins, passkeys and the articles you joined from)
          </p>
          <p>
            <a href="/account/delete">Delete my account</a>
          </p>
        </div>
      </main>
    </>
  );
}
