import type { NewsletterIssue } from "@/lib/db/schema";
import styles from "./newsletter.module.css";

const STATUS: Record<NewsletterIssue["status"], string> = {
  draft: "Draft",
  scheduled: "Scheduled",
  sending: "Sending",
  paused: "Paused",
  sent: "Sent",
};

/** An issue's status as a badge: Draft, Scheduled, Sending, Paused, Sent. */
export function IssueBadge({ status }: { status: NewsletterIssue["status"] }) {
  return (
    <span className={styles.badge} data-status={status}>
      {STATUS[status]}
    </span>
  );
}
