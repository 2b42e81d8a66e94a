// What came back from sending: delivered copies, bounces and complaints with their rates,
// next to the lines Gmail and Yahoo draw (0.1% complaints to aim under, 0.3% refused).
import type { SendFigures as Figures } from "@/lib/deliverability/guard";
import styles from "./newsletter.module.css";

const n = (v: number) => v.toLocaleString("en-GB");
const pct = (num: number, den: number) => (den > 0 ? `${((num / den) * 100).toLocaleString("en-GB", { maximumFractionDigits: 2 })}%` : "—");

function complaintVerdict(rate: number): string {
  if (rate >= 0.003) return "past 0.3%: Gmail and Yahoo refuse bulk mail at this rate";
  if (rate >= 0.001) return "past 0.1%: above what Gmail and Yahoo ask for";
  return "under 0.1%";
}

export function SendFigures({ figures, caption, testId }: { figures: Figures; caption: string; testId: string }) {
  const sent = figures.delivered + figures.bounces;
  const complaintRate = figures.delivered > 0 ? figures.complaints / figures.delivered : 0;
  return (
    <table className="desk-table" data-testid={testId}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">What came back</th>
          <th scope="col" className="num">Count</th>
          <th scope="col" className="num">Rate</th>
          <th scope="col">Against the lines (0.1% and 0.3%)</th>
        </tr>
      </thead>
      <tbody>
        <tr>
          <th scope="row">Delivered (accepted by the mail server)</th>
          <td className="num" data-testid={`${testId}-delivered`}>{n(figures.delivered)}</td>
          <td className="num">—</td>
          <td />
        </tr>
        <tr>
          <th scope="row">Permanent bounces</th>
          <td className="num" data-testid={`${testId}-bounces`}>{n(figures.bounces)}</td>
          <td className="num">{pct(figures.bounces, sent)}</td>
          <td>of copies sent; each address is suppressed</td>
        </tr>
        <tr>
          <th scope="row">Temporary bounces</th>
          <td className="num">{n(figures.softBounces)}</td>
          <td className="num">{pct(figures.softBounces, sent)}</td>
          <td>3 within 14 days suppress an address</td>
        </tr>
        <tr>
          <th scope="row">Spam complaints</th>
          <td className="num" data-testid={`${testId}-complaints`}>{n(figures.complaints)}</td>
          <td className="num" data-testid={`${testId}-complaint-rate`}>{pct(figures.complaints, figures.delivered)}</td>
          <td className={complaintRate >= 0.001 ? styles.error : undefined}>{figures.delivered > 0 ? complaintVerdict(complaintRate) : "—"}</td>
        </tr>
        <tr>
          <th scope="row">Unsubscribed through the provider</th>
          <td className="num">{n(figures.unsubscribes)}</td>
          <td className="num">{pct(figures.unsubscribes, figures.delivered)}</td>
          <td />
        </tr>
      </tbody>
    </table>
  );
}
