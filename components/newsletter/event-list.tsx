// Events heard from providers and the bounce mailbox: what, when, which issue, from whom,
// the provider's own words and what Lede did.
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { ACTION_WORDS, KIND_WORDS, PROVIDER_WORDS, type EventRow } from "@/lib/deliverability/history";

export function EventList({ events, caption, showAddress, testId }: { events: EventRow[]; caption: string; showAddress: boolean; testId: string }) {
  if (events.length === 0) return <p data-testid={testId}>Nothing heard yet.</p>;
  return (
    <table className="desk-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Event</th>
          <th scope="col">When</th>
          {showAddress && <th scope="col">Address</th>}
          <th scope="col">Issue</th>
          <th scope="col">From</th>
          <th scope="col">Their words</th>
          <th scope="col">Lede did</th>
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr key={e.id}>
            <th scope="row">{KIND_WORDS[e.kind] ?? e.kind}</th>
            <td>
              <time dateTime={e.occurredAt.toISOString()}>{formatDateTime(e.occurredAt)}</time>
            </td>
            {showAddress && <td>{e.userId ? <Link href={`/desk/members/${e.userId}`}>{e.email}</Link> : (e.email ?? "—")}</td>}
            <td>{e.issueId ? <Link href={`/desk/newsletters/${e.issueId}`}>{e.issueSubject ?? `Issue ${e.issueId}`}</Link> : "—"}</td>
            <td>{PROVIDER_WORDS[e.provider] ?? e.provider}</td>
            <td>{e.detail ?? ""}</td>
            <td>{ACTION_WORDS[e.action] ?? e.action}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
