import Link from "next/link";
import type { ArticleFunnel, ArticleSort } from "@/lib/insight/report";
import { count, rate } from "./rates";

const SORTABLE: { sort: ArticleSort; label: string }[] = [
  { sort: "gate-views", label: "Gate views" },
  { sort: "joins", label: "Joins" },
  { sort: "conversion", label: "Conversion" },
];

/**
 * Articles with their funnel over the period, sortable by gate views, joins or
 * conversion (joins per gate view) with plain links, so sorting needs no script.
 */
export function ArticleTable({ rows, sort, days }: { rows: ArticleFunnel[]; sort: ArticleSort; days: number }) {
  if (rows.length === 0) return <p>No article was read in the last {days} days.</p>;
  const header = (s: (typeof SORTABLE)[number]) => (
    <th key={s.sort} scope="col" className="num" aria-sort={s.sort === sort ? "descending" : undefined}>
      {s.sort === sort ? (
        <>
          {s.label} <span aria-hidden="true">▼</span>
        </>
      ) : (
        <Link href={`/desk/insight?days=${days}&sort=${s.sort}#articles`} title={`Sort by ${s.label.toLowerCase()}`}>
          {s.label}
        </Link>
      )}
    </th>
  );
  return (
    <table className="desk-table" data-testid="article-funnels">
      <caption className="visually-hidden">Articles by {SORTABLE.find((s) => s.sort === sort)!.label.toLowerCase()}, last {days} days</caption>
      <thead>
        <tr>
          <th scope="col">Article</th>
          <th scope="col" className="num">
            Views
          </th>
          {header(SORTABLE[0])}
          {header(SORTABLE[1])}
          <th scope="col" className="num">
            Confirmed
          </th>
          <th scope="col" className="num">
            Newsletter
          </th>
          {header(SORTABLE[2])}
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.id} data-slug={a.slug}>
            <th scope="row">
              <Link href={`/desk/articles/${a.id}`}>{a.title}</Link>
              {a.status === "draft" && <span className="status-badge draft">Draft</span>}
            </th>
            <td className="num">{count(a.views)}</td>
            <td className="num">{count(a.gateViews)}</td>
            <td className="num">{count(a.joins)}</td>
            <td className="num">{count(a.confirmed)}</td>
            <td className="num">{count(a.subscribed)}</td>
            <td className="num">{rate(a.joins, a.gateViews)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
