import type { Metadata } from "next";
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { formatDate } from "@/components/site/format";
import styles from "@/components/newsletter/newsletter.module.css";
import { requireEditor } from "@/lib/desk/guard";
import { listIssues } from "@/lib/newsletter/issues";
import { countActiveSubscribers } from "@/lib/newsletter/subscriptions";

export const metadata: Metadata = { title: "Newsletters" };

const STATUS = { draft: "Draft", sending: "Sending", sent: "Sent" } as const;

/** The desk's newsletter issues: drafts, the one going out, and those sent. */
export default async function NewslettersPage() {
  const editor = await requireEditor("/desk/newsletters");
  const [issues, subscribers] = await Promise.all([listIssues(), countActiveSubscribers()]);
  return (
    <DeskShell editor={editor} current="newsletters">
      <div className="desk-head">
        <h1>Newsletters</h1>
        <Link href="/desk/newsletters/new" className="button">
          Write a new issue
        </Link>
      </div>
      <p className="desk-count">
        {subscribers.toLocaleString("en-GB")} confirmed subscriber{subscribers === 1 ? "" : "s"}
      </p>
      {issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table className="desk-table">
          <caption className="visually-hidden">Newsletter issues, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Status</th>
              <th scope="col" className="num">
                Recipients
              </th>
              <th scope="col">Written</th>
            </tr>
          </thead>
          <tbody>
            {issues.map((i) => (
              <tr key={i.id}>
                <th scope="row">
                  <Link href={`/desk/newsletters/${i.id}`}>{i.subject}</Link>
                </th>
                <td>
                  <span className={styles.badge} data-status={i.status}>
                    {STATUS[i.status]}
                  </span>
                </td>
                <td className="num">{i.status === "draft" ? "—" : i.recipientCount.toLocaleString("en-GB")}</td>
                <td>
                  <time dateTime={i.createdAt.toISOString()}>{formatDate(i.createdAt)}</time>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </DeskShell>
  );
}
