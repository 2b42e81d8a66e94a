import type { MeterDay } from "@/lib/desk/meter-insight";
import { DayChart, dayLabel } from "@/components/desk/day-chart";

/**
 * The meter's free reads per day: each bar is every free read it gave, its solid part
 * the reads that were a reader's last free one (they ran out), the pale part the others.
 */
export function MeterChart({ days }: { days: MeterDay[] }) {
  const reads = days.reduce((n, d) => n + d.freeReads, 0);
  const ranOut = days.reduce((n, d) => n + d.ranOut, 0);
  const busiest = days.reduce((a, b) => (b.freeReads > a.freeReads ? b : a), days[0]);
  const summary =
    reads === 0
      ? `The meter gave no free reads in the last ${days.length} days.`
      : `The meter gave ${reads} free ${reads === 1 ? "read" : "reads"} in the last ${days.length} days (the most on ${dayLabel(busiest.day)}: ${busiest.freeReads}); ${ranOut} ${ranOut === 1 ? "reader" : "readers"} ran out of free articles.`;
  return (
    <DayChart
      id="meter-chart"
      testId="meter-chart"
      title={`Free reads the meter gave per day, last ${days.length} days`}
      summary={summary}
      note={reads > 0 ? "The solid part of each bar is the reads that used up a reader's last free article." : undefined}
      caption="Free reads the meter gave per day, and readers who ran out"
      columns={["Free reads", "Readers who ran out"]}
      days={days.map((d) => ({
        day: d.day,
        bars: [d.ranOut, Math.max(0, d.freeReads - d.ranOut)],
        cells: [d.freeReads, d.ranOut],
        tip: `${d.freeReads} free reads, ${d.ranOut} readers ran out`,
      }))}
    />
  );
}
