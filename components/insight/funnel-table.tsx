import type { Funnel } from "@/lib/insight/report";
import { count, rate } from "./rates";

const STEPS = [
  ["views", "Views", "Every view of an article, by readers with or without an account (bots apart)"],
  ["gateViews", "Gate views", "Readers without an account who met the gate (or the meter's wall)"],
  ["joins", "Joins", "Readers who asked to join from an article (each once)"],
  ["confirmed", "Confirmed", "Of them, readers who confirmed their address by signing in"],
  ["subscribed", "Newsletter subscribers", "Of them, readers who asked for the newsletter and confirmed"],
] as const;

type Column = { key: string; label: string; funnel: Funnel };

/**
 * The funnel, one column per period: each step's readers and its rate from the step
 * before (joins per gate view is the wall's conversion rate).
 */
export function FunnelTable({ columns, caption, testId }: { columns: Column[]; caption: string; testId: string }) {
  return (
    <table className="desk-table funnel" data-testid={testId}>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Step</th>
          {columns.map((c) => (
            <th key={c.key} scope="col" className="num" colSpan={2}>
              {c.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {STEPS.map(([key, label, hint], i) => (
          <tr key={key} data-step={key}>
            <th scope="row">
              {label}
              <span className="sub">{hint}</span>
            </th>
            {columns.map((c) => {
              const before = i === 0 ? null : c.funnel[STEPS[i - 1][0]];
              return [
                <td key={`${c.key}-n`} className="num" data-testid={`${key}-${c.key}`}>
                  {count(c.funnel[key])}
                </td>,
                <td key={`${c.key}-r`} className="num rate">
                  {before === null ? "" : <span title={`${label} per ${STEPS[i - 1][1].toLowerCase()}`}>{rate(c.funnel[key], before)}</span>}
                </td>,
              ];
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
