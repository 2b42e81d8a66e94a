import type { Metadata } from "next";
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { formatDate } from "@/components/format";
import { IssueBadge } from "@/components/newsletter/issue-badge";
import { requireEditor } from "@/lib/desk/guard";
import { listIssues } from "@/lib/newsletter/issues";
import { subscribersLabel } from "@/lib/newsletter/send/readiness";
import { subscriberCounts } from "@/lib/newsletter/subscriptions";

export const metadata: Metadata = { title: "Newsletters" };

/** The desk's newsletter issues: drafts, the one going out, and those sent. */
export default async function NewslettersPage() {
  const editor = await requireEditor("/desk/newsletters");
  const [issues, counts] = await Promise.all([listIssues(), subscriberCounts()]);
  return (
    <DeskShell editor={editor} current="newsletters">
      <div className="desk-head">
        <h1>Newsletters</h1>
        <Link href="/desk/newsletters/new" className="button">
          Write a new issue
        </Link>
      </div>
      <p className="desk-count" data-testid="subscriber-count">
        {subscribersLabel(counts.subscribers)}
        {counts.waiting > 0 && `, and ${counts.waiting.toLocaleString("en-GB")} waiting for confirmation`}
      </p>
      <p>
        <Link href="/desk/newsletters/deliverability">Deliverability</Link>: bounces, complaints and the send guard.
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
                Sent to
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
                  <IssueBadge status={i.status} />
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
