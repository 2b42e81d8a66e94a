import type { AccountNewsletter } from "@/lib/account/queries";
import type { NewsletterStatus } from "@/lib/newsletter/subscriptions";
import styles from "./newsletter.module.css";

export const NEWSLETTER_STATUS: Record<NewsletterStatus, string> = {
  none: "Not subscribed",
  pending: "Waiting for you to confirm your address",
  active: "Subscribed",
  unsubscribed: "Unsubscribed",
  suppressed: "Stopped: mail to this address could not be delivered",
};

/** One newsletter on /account: its status and the one button that changes it (works without JavaScript). */
function NewsletterRow({ newsletter, siteName }: { newsletter: AccountNewsletter; siteName: string }) {
  const { id, name, description, status, archived } = newsletter;
  const subscribed = status === "active" || status === "pending";
  const headingId = `newsletter-${id}-name`;
  return (
    <section className={styles.block} aria-labelledby={headingId} data-testid={`newsletter-${id}`}>
      <h3 id={headingId}>{name}</h3>
      {description && <p className={styles.hint}>{description}</p>}
      <div className={styles.setting}>
        <p data-testid="newsletter-status">{NEWSLETTER_STATUS[status]}</p>
        {(subscribed || !archived) && (
          <form method="post" action="/account/newsletter" className="inline-form">
            <input type="hidden" name="newsletter" value={id} />
            <input type="hidden" name="intent" value={subscribed ? "unsubscribe" : "subscribe"} />
            <button type="submit" className="secondary" aria-describedby={headingId}>
              {subscribed ? "Unsubscribe" : status === "suppressed" ? "Try this address again" : "Subscribe"}
            </button>
          </form>
        )}
      </div>
      {status === "pending" && (
        <p className={styles.hint}>{`${name} will come to this address once you confirm it with the link or code we sent.`}</p>
      )}
      {archived && <p className={styles.hint}>{`${siteName} no longer sends ${name}.`}</p>}
    </section>
  );
}

/** The reader's newsletters on /account: every one they may choose, each on its own. */
export function NewsletterSettings({ newsletters, siteName }: { newsletters: AccountNewsletter[]; siteName: string }) {
  if (newsletters.length === 0) return <p>{siteName} has no newsletters at the moment.</p>;
  const any = newsletters.some((n) => n.status === "active" || n.status === "pending");
  return (
    <>
      {newsletters.map((n) => (
        <NewsletterRow key={n.id} newsletter={n} siteName={siteName} />
      ))}
      <p className={styles.hint}>
        {any
          ? "Every issue has a one-click link to leave its newsletter, and one to leave them all."
          : `Get newsletters from ${siteName} at this address. You can unsubscribe at any time.`}
      </p>
      {any && newsletters.length > 1 && (
        <form method="post" action="/account/newsletter" className="inline-form">
          <input type="hidden" name="intent" value="unsubscribe-all" />
          <button type="submit" className="secondary">
            Unsubscribe from all newsletters
          </button>
        </form>
      )}
    </>
  );
}
