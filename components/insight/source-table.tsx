import type { SourceRow } from "@/lib/insight/report";
import { SOURCE_LABELS } from "@/lib/insight/source";
import { NAMED_SOURCES_PER_ARTICLE_DAY } from "@/lib/insight/limits";
import { FiguresTable } from "./figures-table";
import { count, rate } from "./rates";

/** Where readers came from: views, gate views, joins and conversion per source. */
export function SourceTable({ rows, days }: { rows: SourceRow[]; days: number }) {
  if (rows.length === 0) return <p>No views or joins in the last {days} days.</p>;
  return (
    <FiguresTable
      testId="sources"
      caption={`Where readers came from, last ${days} days`}
      first="Source"
      columns={["Views", "Gate views", "Joins", "Confirmed", "Conversion"]}
      rows={rows.map((r) => ({
        key: `${r.source}|${r.host}`,
        data: { "data-source": r.source, "data-host": r.host || undefined },
        head: (
          <>
            {r.source === "other" ? r.host || "Other sites, the rest" : SOURCE_LABELS[r.source]}
            {r.source === "bot" && <span className="sub">Not counted in the funnel</span>}
            {r.source === "other" && !r.host && (
              <span className="sub">Sites not named above, and any past the first {NAMED_SOURCES_PER_ARTICLE_DAY} an article saw in a day: made-up referrers end up here</span>
            )}
          </>
        ),
        cells:
          r.source === "bot"
            ? [count(r.views), "", "", "", ""]
            : [count(r.views), count(r.gateViews), count(r.joins), count(r.confirmed), rate(r.joins, r.gateViews)],
      }))}
    />
  );
}
