import type { Signups } from "@/lib/desk/insight";
import type { MeterFigures } from "@/lib/desk/meter-insight";

type Props = { columns: { label: string; figures: MeterFigures }[]; caption: string };

/** Confirmed readers, with those who asked and never confirmed beside them. */
export function Joined({ signups }: { signups: Signups }) {
  return (
    <>
      {signups.joined}
      {signups.asked > 0 && <span className="sub">+{signups.asked} asked, not confirmed</span>}
    </>
  );
}

const ROWS: { label: string; cell: (f: MeterFigures) => React.ReactNode }[] = [
  { label: "Free reads the meter gave", cell: (f) => f.freeReads },
  { label: "Readers who ran out of free articles", cell: (f) => f.ranOut },
  { label: "Joined from the meter's notice", cell: (f) => <Joined signups={f.notice} /> },
  { label: "Joined from the meter's wall", cell: (f) => <Joined signups={f.wall} /> },
];

/** What the meter did, in one or more windows (last 30 days, all time). */
export function MeterFiguresTable({ columns, caption }: Props) {
  return (
    <table className="desk-table compact-wide" data-testid="meter-figures">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <td />
          {columns.map((c) => (
            <th scope="col" className="num" key={c.label}>
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
              <td className="num" key={c.label}>
                {r.cell(c.figures)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
