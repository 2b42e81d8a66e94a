import type { SourceRow } from "@/lib/insight/report";
import { SOURCE_LABELS } from "@/lib/insight/source";
import { count, rate } from "./rates";

/** Where readers came from: views, gate views, joins and conversion per source. */
export function SourceTable({ rows, days }: { rows: SourceRow[]; days: number }) {
  if (rows.length === 0) return <p>No views or joins in the last {days} days.</p>;
  return (
    <table className="desk-table" data-testid="sources">
      <caption className="visually-hidden">Where readers came from, last {days} days</caption>
      <thead>
        <tr>
          <th scope="col">Source</th>
          <th scope="col" className="num">
            Views
          </th>
          <th scope="col" className="num">
            Gate views
          </th>
          <th scope="col" className="num">
            Joins
          </th>
          <th scope="col" className="num">
            Confirmed
          </th>
          <th scope="col" className="num">
            Conversion
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={`${r.source}|${r.host}`} data-source={r.source} data-host={r.host || undefined}>
            <th scope="row">
              {r.source === "other" ? (r.host ? r.host : "Other sites, the rest") : SOURCE_LABELS[r.source]}
              {r.source === "bot" && <span className="sub">Not counted in the funnel</span>}
            </th>
            <td className="num">{count(r.views)}</td>
            <td className="num">{r.source === "bot" ? "" : count(r.gateViews)}</td>
            <td className="num">{r.source === "bot" ? "" : count(r.joins)}</td>
            <td className="num">{r.source === "bot" ? "" : count(r.confirmed)}</td>
            <td className="num">{r.source === "bot" ? "" : rate(r.joins, r.gateViews)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
