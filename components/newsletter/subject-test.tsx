import type { VariantFigures } from "@/lib/newsletter/send/subject-test";
import styles from "./newsletter.module.css";

type Props = {
  subjects: { a: string; b: string };
  figures: { a: VariantFigures; b: VariantFigures };
  samplePercent: number;
  decided: { winner: "a" | "b"; reason: string } | null;
  /** When the rest goes out, if not decided yet (shown in the site's zone). */
  decidesAt: string | null;
};

const rate = (f: VariantFigures) => (f.delivered > 0 ? (f.visits / f.delivered).toFixed(2) : "—");

/** A two-subject issue's samples: each subject's copies delivered, visits and visits per copy; the winner and why. */
export function SubjectTest({ subjects, figures, samplePercent, decided, decidesAt }: Props) {
  return (
    <section className={styles.panel} aria-labelledby="subject-test-heading" data-testid="subject-test">
      <h2 id="subject-test-heading">Subject test</h2>
      <p>
        Each subject went to {samplePercent}% of the list. Visits are counted from the issue&apos;s own links (no tracking
        pixel, no rewritten links).
      </p>
      <table className="desk-table">
        <thead>
          <tr>
            <th scope="col">Subject</th>
            <th scope="col" className="num">Delivered</th>
            <th scope="col" className="num">Visits</th>
            <th scope="col" className="num">Visits per copy</th>
          </tr>
        </thead>
        <tbody>
          {(["a", "b"] as const).map((k) => (
            <tr key={k} data-testid={`subject-${k}`}>
              <th scope="row">
                {subjects[k]} {decided?.winner === k && <span className={styles.badge}>Winner</span>}
              </th>
              <td className="num">{figures[k].delivered.toLocaleString("en-GB")}</td>
              <td className="num">{figures[k].visits.toLocaleString("en-GB")}</td>
              <td className="num">{rate(figures[k])}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p role="status" data-testid="subject-test-result">
        {decided ? decided.reason : decidesAt ? `The rest of the list gets the better subject on ${decidesAt}.` : "The samples are going out."}
      </p>
    </section>
  );
}
