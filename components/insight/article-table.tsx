import Link from "next/link";
import type { ArticleFunnel, ArticleSort } from "@/lib/insight/report";
import { FiguresTable } from "./figures-table";
import { count, rate } from "./rates";

const LABELS: Record<ArticleSort, string> = { "gate-views": "Gate views", joins: "Joins", conversion: "Conversion" };

/**
 * Articles with their funnel over the period, sortable by gate views, joins or
 * conversion (joins per gate view) with plain links, so sorting needs no script.
 */
export function ArticleTable({ rows, sort, days }: { rows: ArticleFunnel[]; sort: ArticleSort; days: number }) {
  if (rows.length === 0) return <p>No article was read in the last {days} days.</p>;
  const head = (s: ArticleSort) =>
    s === sort ? (
      <>
        {LABELS[s]} <span aria-hidden="true">▼</span>
      </>
    ) : (
      <Link href={`/desk/insight?days=${days}&sort=${s}#articles`} title={`Sort by ${LABELS[s].toLowerCase()}`}>
        {LABELS[s]}
      </Link>
    );
  const order: (ArticleSort | string)[] = ["Views", "gate-views", "joins", "Confirmed", "Newsletter", "conversion"];
  return (
    <FiguresTable
      testId="article-funnels"
      caption={`Articles by ${LABELS[sort].toLowerCase()}, last ${days} days`}
      first="Article"
      columns={order.map((c) => (c in LABELS ? head(c as ArticleSort) : c))}
      sorted={order.indexOf(sort)}
      rows={rows.map((a) => ({
        key: String(a.id),
        data: { "data-slug": a.slug },
        head: (
          <>
            <Link href={`/desk/articles/${a.id}`}>{a.title}</Link>
            {a.status === "draft" && <span className="status-badge draft">Draft</span>}
          </>
        ),
        cells: [count(a.views), count(a.gateViews), count(a.joins), count(a.confirmed), count(a.subscribed), rate(a.joins, a.gateViews)],
      }))}
    />
  );
}
