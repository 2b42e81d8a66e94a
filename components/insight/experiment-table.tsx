import type { ExperimentReport } from "@/lib/experiments/report";
import { count } from "./rates";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A wall experiment's figures per variant, with each conversion's 95% Wilson interval. */
export function ExperimentTable({ report }: { report: ExperimentReport }) {
  return (
    <table className="desk-table" data-testid={`experiment-${report.id}`}>
      <caption className="visually-hidden">Gate views, joins and confirmations per variant of {report.name}</caption>
      <thead>
        <tr>
          <th scope="col">Variant</th>
          <th scope="col">Gate</th>
          <th scope="col" className="num">
            Gate views
          </th>
          <th scope="col" className="num">
            Joins
          </th>
          <th scope="col" className="num">
            Confirmed
          </th>
          <th scope="col">Conversion (95% interval)</th>
        </tr>
      </thead>
      <tbody>
        {report.variants.map((v) => (
          <tr key={v.index} data-variant={v.index}>
            <th scope="row">
              {v.name}
              {report.winner === v.index && <span className="sub">Kept</span>}
            </th>
            <td>
              <strong>{v.heading}</strong>
              <span className="sub">
                {v.sentence} · button “{v.button}”{v.allowance !== null && ` · ${v.allowance} free ${v.allowance === 1 ? "read" : "reads"}`}
              </span>
            </td>
            <td className="num" data-figure="gate-views">
              {count(v.gateViews)}
            </td>
            <td className="num" data-figure="joins">
              {count(v.joins)}
            </td>
            <td className="num" data-figure="confirmed">
              {count(v.confirmed)}
            </td>
            <td data-figure="conversion">{v.interval ? `${pct(v.interval.rate)} (${pct(v.interval.low)}–${pct(v.interval.high)})` : "–"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
