import type { Metadata } from "next";
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { formatDate } from "@/components/format";
import { IssueBadge } from "@/components/newsletter/issue-badge";
import { requireEditor } from "@/lib/desk/guard";
import { listIssues } from "@/lib/newsletter/issues";
import { countsByNewsletter, listNewsletters } from "@/lib/newsletter/newsletters";
import { subscribersLabel } from "@/lib/newsletter/send/readiness";
import { formatInSiteZone } from "@/lib/newsletter/schedule/site-time";

export const metadata: Metadata = { title: "Newsletters" };

/** The desk's newsletters (each with its subscribers), and their issues: drafts, scheduled, sending, sent. */
export default async function NewslettersPage() {
  const editor = await requireEditor("/desk/newsletters");
  const [newsletters, counts, issues] = await Promise.all([listNewsletters({ includeArchived: true }), countsByNewsletter(), listIssues()]);
  const names = new Map(newsletters.map((n) => [n.id, n.name]));
  return (
    <DeskShell editor={editor} current="newsletters">
      <div className="desk-head">
        <h1>Newsletters</h1>
        <Link href="/desk/newsletters/lists/new" className="button secondary">
          New newsletter
        </Link>
        <Link href="/desk/newsletters/new" className="button">
          Write a new issue
        </Link>
      </div>
      <p>
        <Link href="/desk/newsletters/deliverability">Deliverability</Link>: bounces, complaints and the send guard.
      </p>
      <table className="desk-table" data-testid="newsletter-list">
        <caption className="visually-hidden">Newsletters</caption>
        <thead>
          <tr>
            <th scope="col">Newsletter</th>
            <th scope="col" className="num">
              Subscribers
            </th>
            <th scope="col" className="num">
              Waiting for confirmation
            </th>
            <th scope="col">Offered to joiners</th>
          </tr>
        </thead>
        <tbody>
          {newsletters.map((n) => {
            const c = counts.get(n.id) ?? { subscribers: 0, waiting: 0 };
            return (
              <tr key={n.id} data-testid={`newsletter-row-${n.id}`}>
                <th scope="row">
                  <Link href={`/desk/newsletters/lists/${n.id}`}>{n.name}</Link>
                  {n.archivedAt && " (archived)"}
                  {n.description && <span className="desk-hint"> · {n.description}</span>}
                </th>
                <td className="num" data-testid="subscriber-count">
                  {subscribersLabel(c.subscribers)}
                </td>
                <td className="num">{c.waiting.toLocaleString("en-GB")}</td>
                <td>{n.offeredByDefault ? "Yes" : "No"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h2>Issues</h2>
      {issues.length === 0 ? (
        <p>No issues yet.</p>
      ) : (
        <table className="desk-table">
          <caption className="visually-hidden">Newsletter issues, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Subject</th>
              <th scope="col">Newsletter</th>
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
                  {i.kind === "digest" && " (digest)"}
                </th>
                <td>{names.get(i.newsletterId) ?? "—"}</td>
                <td>
                  <IssueBadge status={i.status} />
                  {i.status === "scheduled" && i.scheduledAt && ` for ${formatInSiteZone(i.scheduledAt)}`}
                </td>
                <td className="num">{i.status === "draft" || i.status === "scheduled" ? "—" : i.recipientCount.toLocaleString("en-GB")}</td>
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
