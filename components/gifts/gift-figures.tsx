import type { GiftFigures } from "@/lib/gifts/figures";

type Props = { columns: { label: string; figures: GiftFigures }[] };

const ROWS: { label: string; cell: (f: GiftFigures) => number }[] = [
  { label: "Gift links members made", cell: (f) => f.made },
  { label: "Reads through gift links", cell: (f) => f.reads },
  { label: "Joins from gift links", cell: (f) => f.joins },
  { label: "Of them confirmed", cell: (f) => f.confirmed },
];

/** The desk's gift figures, one column per window. */
export function GiftFiguresTable({ columns }: Props) {
  return (
    <table className="desk-table compact-wide" data-testid="gift-figures">
      <caption className="visually-hidden">Gift links made, read, and the joins they brought</caption>
      <thead>
        <tr>
          <td />
          {columns.map((c) => (
            <th scope="col" key={c.label}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ROWS.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.label}</th>
            {columns.map((c) => (
              <td key={c.label} className="num">
                {r.cell(c.figures).toLocaleString("en")}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
