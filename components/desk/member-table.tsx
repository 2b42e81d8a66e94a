import Link from "next/link";
import type { MemberRow, MemberStatus, NewsletterStatus } from "@/lib/desk/members";
import { formatDateTime } from "@/components/format";

export const NEWSLETTER_LABELS: Record<NewsletterStatus, string> = {
  none: "—",
  pending: "Waiting for confirmation",
  active: "Subscribed",
  unsubscribed: "Unsubscribed",
  suppressed: "Stopped (address bounced)",
};

export const STATUS_LABELS: Record<MemberStatus, string> = {
  confirmed: "Confirmed",
  imported: "Imported, not signed in yet",
  awaiting: "Awaiting confirmation",
};

/** Members with their status, where they joined from, their newsletter status and last sign-in. */
export function MemberTable({ rows }: { rows: MemberRow[] }) {
  return (
    <table className="desk-table" data-testid="desk-members">
      <caption className="visually-hidden">Members, newest first</caption>
      <thead>
        <tr>
          <th scope="col">Email</th>
          <th scope="col">Status</th>
          <th scope="col">Joined</th>
          <th scope="col">Joined from</th>
          <th scope="col">Newsletter</th>
          <th scope="col">Last sign-in</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((m) => (
          <tr key={m.id}>
            <th scope="row">
              <Link href={`/desk/members/${encodeURIComponent(m.id)}`}>{m.email}</Link>
              {m.name && <span className="sub">{m.name}</span>}
              {m.role === "editor" && <span className="status-badge published">Editor</span>}
            </th>
            <td data-testid="member-status">{STATUS_LABELS[m.status]}</td>
            <td>
              <time dateTime={m.joinedAt.toISOString()}>{formatDateTime(m.joinedAt)}</time>
            </td>
            <td>{m.joinedFromSlug ? <Link href={`/articles/${m.joinedFromSlug}`}>{m.joinedFromTitle}</Link> : "—"}</td>
            <td>{NEWSLETTER_LABELS[m.newsletter]}</td>
            <td>{m.lastSignInAt ? <time dateTime={m.lastSignInAt.toISOString()}>{formatDateTime(m.lastSignInAt)}</time> : "never"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
