import type { DayJoins } from "@/lib/desk/insight";

const W = 640;
const H = 180;
const PAD = { top: 16, right: 8, bottom: 28, left: 36 };

const dayLabel = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

/**
 * Joins per day as a server-rendered SVG bar chart: no script, no client bundle. Each bar
 * is the confirmed joins, with those who asked and have not confirmed stacked above in a
 * paler shade. The picture is summarised for screen readers, and the numbers are in a
 * table below it.
 */
export function JoinChart({ days }: { days: DayJoins[] }) {
  const total = days.reduce((n, d) => n + d.joins, 0);
  const asked = days.reduce((n, d) => n + d.asked, 0);
  const busiest = days.reduce((a, b) => (b.joins > a.joins ? b : a), days[0]);
  const max = Math.max(1, ...days.map((d) => d.joins + d.asked));
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const slot = innerW / Math.max(1, days.length);
  const confirmed =
    total === 0
      ? `No readers joined and confirmed in the last ${days.length} days.`
      : `${total} ${total === 1 ? "reader" : "readers"} joined and confirmed in the last ${days.length} days; the busiest day was ${dayLabel(busiest.day)} with ${busiest.joins}.`;
  const summary =
    asked === 0 ? confirmed : `${confirmed} ${asked} more asked to join and ${asked === 1 ? "has" : "have"} not confirmed.`;
  const ticks = [0, Math.floor((days.length - 1) / 2), days.length - 1];
  return (
    <figure className="join-chart" data-testid="join-chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby="join-chart-title join-chart-desc" width="100%">
        <title id="join-chart-title">Readers who joined per day, last {days.length} days</title>
        <desc id="join-chart-desc">{summary}</desc>
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} className="axis" />
        <text x={PAD.left - 6} y={PAD.top + 4} textAnchor="end" className="tick">
          {max}
        </text>
        <text x={PAD.left - 6} y={H - PAD.bottom} textAnchor="end" className="tick">
          0
        </text>
        {days.map((d, i) => {
          const h = (d.joins / max) * innerH;
          const hAsked = (d.asked / max) * innerH;
          const x = PAD.left + i * slot + slot * 0.15;
          return (
            <g key={d.day}>
              <title>{`${dayLabel(d.day)}: ${d.joins} confirmed, ${d.asked} not confirmed`}</title>
              <rect x={x} y={H - PAD.bottom - h} width={slot * 0.7} height={Math.max(h, d.joins > 0 ? 1 : 0)} className="bar" />
              {d.asked > 0 && (
                <rect x={x} y={H - PAD.bottom - h - hAsked} width={slot * 0.7} height={Math.max(hAsked, 1)} className="bar asked" />
              )}
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
        {asked > 0 && " The pale part of each bar is those who asked and have not confirmed."}
      </figcaption>
      <details>
        <summary>Show the numbers</summary>
        <table className="desk-table compact">
          <caption className="visually-hidden">Readers who joined per day, and who asked without confirming</caption>
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col" className="num">
                Joined, confirmed
              </th>
              <th scope="col" className="num">
                Asked, not confirmed
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <th scope="row">
                  <time dateTime={d.day}>{dayLabel(d.day)}</time>
                </th>
                <td className="num">{d.joins}</td>
                <td className="num">{d.asked}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
