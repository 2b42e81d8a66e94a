import type { DayJoins } from "@/lib/desk/insight";
import { DayChart, dayLabel } from "./day-chart";

/**
 * Joins per day: each bar is the confirmed joins, with those who asked and have not
 * confirmed stacked above in a paler shade.
 */
export function JoinChart({ days }: { days: DayJoins[] }) {
  const total = days.reduce((n, d) => n + d.joins, 0);
  const asked = days.reduce((n, d) => n + d.asked, 0);
  const busiest = days.reduce((a, b) => (b.joins > a.joins ? b : a), days[0]);
  const confirmed =
    total === 0
      ? `No readers joined and confirmed in the last ${days.length} days.`
      : `${total} ${total === 1 ? "reader" : "readers"} joined and confirmed in the last ${days.length} days; the busiest day was ${dayLabel(busiest.day)} with ${busiest.joins}.`;
  const summary =
    asked === 0 ? confirmed : `${confirmed} ${asked} more asked to join and ${asked === 1 ? "has" : "have"} not confirmed.`;
  return (
    <DayChart
      id="join-chart"
      testId="join-chart"
      title={`Readers who joined per day, last ${days.length} days`}
      summary={summary}
      note={asked > 0 ? "The pale part of each bar is those who asked and have not confirmed." : undefined}
      caption="Readers who joined per day, and who asked without confirming"
      columns={["Joined, confirmed", "Asked, not confirmed"]}
      days={days.map((d) => ({
        day: d.day,
        bars: [d.joins, d.asked],
        cells: [d.joins, d.asked],
        tip: `${d.joins} confirmed, ${d.asked} not confirmed`,
      }))}
    />
  );
}
