import Link from "next/link";
import type { NewsletterRow } from "@/lib/insight/report";
import { FiguresTable } from "./figures-table";
import { count } from "./rates";

const perCopy = (visits: number, delivered: number) => (delivered > 0 ? (visits / delivered).toFixed(2) : "–");

/** Each newsletter over the window: subscribers, confirmations, leavers, issues and what their links brought. */
export function NewsletterTable({ rows, days }: { rows: NewsletterRow[]; days: number }) {
  if (rows.length === 0) return <p>No newsletters yet.</p>;
  return (
    <FiguresTable
      testId="newsletters"
      caption={`Each newsletter, last ${days} days`}
      first="Newsletter"
      columns={["Subscribers now", "Confirmed", "Unsubscribed", "Issues sent", "Copies delivered", "Visits from its links", "Visits per copy", "Joins"]}
      rows={rows.map((r) => ({
        key: String(r.id),
        data: { "data-newsletter": String(r.id) },
        head: (
          <>
            <Link href={`/desk/newsletters/lists/${r.id}`}>{r.name}</Link>
            {r.archived && <span className="sub">Archived</span>}
          </>
        ),
        cells: [count(r.subscribers), count(r.confirmed), count(r.left), count(r.issues), count(r.delivered), count(r.visits), perCopy(r.visits, r.delivered), count(r.joins)],
      }))}
    />
  );
}
