import { DayChart, dayLabel } from "@/components/desk/day-chart";
import type { FunnelDay } from "@/lib/insight/report";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Gate views and joins per day: each bar is the gate views, its solid part the joins. */
export function GateJoinChart({ days }: { days: FunnelDay[] }) {
  const gate = days.reduce((n, d) => n + d.gateViews, 0);
  const joins = days.reduce((n, d) => n + d.joins, 0);
  const busiest = days.reduce((a, b) => (b.gateViews > a.gateViews ? b : a), days[0]);
  const summary =
    gate === 0 && joins === 0
      ? `No reader met the gate or joined in the last ${days.length} days.`
      : `${plural(gate, "gate view")} and ${plural(joins, "join")} in the last ${days.length} days; the most gate views were on ${dayLabel(busiest.day)}, with ${busiest.gateViews}.`;
  return (
    <DayChart
      id="gate-chart"
      testId="gate-chart"
      title={`Gate views and joins per day, last ${days.length} days`}
      summary={summary}
      note="Each bar is a day's gate views; its solid part is the readers who joined that day."
      caption="Gate views and joins per day"
      columns={["Gate views", "Joins"]}
      days={days.map((d) => ({
        day: d.day,
        bars: [d.joins, Math.max(0, d.gateViews - d.joins)],
        cells: [d.gateViews, d.joins],
        tip: `${d.gateViews} gate views, ${d.joins} joins`,
      }))}
    />
  );
}
