const W = 640;
const H = 180;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

export const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/** One day: its two stacked bar parts (solid, then pale above), its table cells, its tooltip. */
export type ChartDay = { day: string; bars: [number, number]; cells: number[]; tip: string };

type Props = {
  /** Prefix of the chart's element ids; unique on the page. */
  id: string;
  testId: string;
  title: string;
  /** What the picture shows, in words: the SVG's description and the caption. */
  summary: string;
  /** Said after the summary in the caption only (what the pale part is). */
  note?: string;
  /** The numbers table's caption and column headings (after "Day"). */
  caption: string;
  columns: string[];
  days: ChartDay[];
};

/**
 * A value per day as a server-rendered SVG bar chart: no script, no client bundle. Each
 * bar is a solid part with a paler one stacked above. The picture is summarised for
 * screen readers, and the numbers are in a table below it.
 */
export function DayChart({ id, testId, title, summary, note, caption, columns, days }: Props) {
  const max = Math.max(1, ...days.map((d) => d.bars[0] + d.bars[1]));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, days.length);
  const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1];
  return (
    <figure className="join-chart" data-testid={testId}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} width="100%">
        <title id={`${id}-title`}>{title}</title>
        <desc id={`${id}-desc`}>{summary}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="tick">
          {max}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" className="tick">
          0
        </text>
        {days.map((d, i) => {
          const [solid, pale] = d.bars;
          const h = (solid / max) * innerH;
          const hPale = (pale / max) * innerH;
          const x = PAD.left + i * slot + slot * 0.15;
          return (
            <g key={d.day}>
              <title>{`${dayLabel(d.day)}: ${d.tip}`}</title>
              <rect x={x} y={H - PAD.bottom - h} width={slot * 0.7} height={Math.max(h, solid > 0 ? 1 : 0)} className="bar" />
              {pale > 0 && <rect x={x} y={H - PAD.bottom - h - hPale} width={slot * 0.7} height={Math.max(hPale, 1)} className="bar asked" />}
            </g>
          );
        })}
        {ticks.map((i, n) => (
          <text
            key={i}
            x={PAD.left + i * slot + slot / 2}
            y={H - 8}
            textAnchor={n === 0 ? "start" : n === ticks.length - 1 ? "end" : "middle"}
            className="tick"
          >
            {dayLabel(days[i].day)}
          </text>
        ))}
      </svg>
      <figcaption>
        {summary}
        {note && ` ${note}`}
      </figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table className="desk-table compact">
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              {columns.map((c) => (
                <th scope="col" className="num" key={c}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">
                  <time dateTime={d.day}>{dayLabel(d.day)}</time>
                </th>
                {d.cells.map((n, i) => (
                  <td className="num" key={columns[i]}>
                    {n}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
