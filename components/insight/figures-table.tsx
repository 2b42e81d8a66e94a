import type { ReactNode } from "react";

export type FigureRow = { key: string; head: ReactNode; cells: ReactNode[]; data?: Record<`data-${string}`, string | undefined> };

/**
 * The desk's tables of figures: a heading column, then numbers. A column head may be a
 * node (a sort link); `sorted` marks the column the rows are ordered by.
 */
export function FiguresTable(props: { testId: string; caption: string; first: string; columns: ReactNode[]; sorted?: number; rows: FigureRow[] }) {
  const { testId, caption, first, columns, sorted, rows } = props;
  return (
    <table className="desk-table" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{first}</th>
          {columns.map((c, i) => (
            <th key={i} scope="col" className="num" aria-sort={i === sorted ? "descending" : undefined}>
              {c}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} {...r.data}>
            <th scope="row">{r.head}</th>
            {r.cells.map((c, i) => (
              <td key={i} className="num">
                {c}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
