import type { NewsletterStatus } from "@/lib/newsletter/subscriptions";
import { accountConsentSentence } from "@/lib/newsletter/consent-words";
import styles from "./newsletter.module.css";

export const NEWSLETTER_STATUS: Record<NewsletterStatus, string> = {
  none: "Not subscribed",
  pending: "Waiting for you to confirm your address",
  active: "Subscribed",
  unsubscribed: "Unsubscribed",
  suppressed: "Stopped: mail to this address could not be delivered",
};

/** The newsletter status on /account, with the one button that changes it (works without JavaScript). */
export function NewsletterSetting({ status, siteName }: { status: NewsletterStatus; siteName: string }) {
  const subscribed = status === "active" || status === "pending";
  return (
    <div className={styles.block}>
      <div className={styles.setting}>
        <p data-testid="newsletter-status">{NEWSLETTER_STATUS[status]}</p>
        <form method="post" action="/account/newsletter" className="inline-form">
          <input type="hidden" name="intent" value={subscribed ? "unsubscribe" : "subscribe"} />
          <button type="submit" className="secondary">
            {subscribed ? "Unsubscribe" : status === "suppressed" ? "Try this address again" : "Subscribe"}
          </button>
        </form>
      </div>
      <p className={styles.hint}>
        {status === "pending"
          ? `Newsletters from ${siteName} will come to this address once you confirm it with the link or code we sent.`
          : subscribed
            ? `Newsletters from ${siteName} come to this address. Every issue has a one-click unsubscribe link too.`
            : accountConsentSentence(siteName)}
      </p>
    </div>
  );
}
