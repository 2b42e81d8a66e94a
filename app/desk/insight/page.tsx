import Link from "next/link";
import { DeskChangeList } from "@/components/desk/audit-list";
import { DeskShell } from "@/components/desk/desk-shell";
import { JoinChart } from "@/components/desk/join-chart";
import { MeterChart } from "@/components/desk/meter-chart";
import { Joined, MeterFiguresTable } from "@/components/desk/meter-figures";
import { recentDeskChanges } from "@/lib/desk/desk-changes";
import { requireEditor } from "@/lib/desk/guard";
import { joinsPerDay, topConvertingArticles } from "@/lib/desk/insight";
import { meterPerDay, meterTotals } from "@/lib/desk/meter-insight";
import { meterSummary } from "@/lib/desk/meter-words";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Conversion" };

/** Which articles turn readers into members, how many joined each day, and what the meter did. */
export default async function InsightPage() {
  const editor = await requireEditor("/desk/insight");
  const [days, top, changes, meter, meterDays, meterFigures] = await Promise.all([
    joinsPerDay(30),
    topConvertingArticles(30, 10),
    recentDeskChanges(20),
    meterSettings(),
    meterPerDay(30),
    meterTotals(30),
  ]);
  return (
    <DeskShell editor={editor} current="insight">
      <h1>Conversion</h1>
      <p className="desk-hint">
        A reader counts as joined once they confirm their address by signing in. Those who asked to join and have not
        confirmed are shown apart: anyone can type any address into the gate.
      </p>
      <section aria-labelledby="per-day">
        <h2 id="per-day">Readers who joined, per day</h2>
        <JoinChart days={days} />
      </section>
      <section aria-labelledby="top">
        <h2 id="top">Top converting articles, last 30 days</h2>
        {top.length === 0 ? (
          <p>No reader has joined from an article in the last 30 days.</p>
        ) : (
          <table className="desk-table" data-testid="top-articles">
            <thead>
              <tr>
                <th scope="col">Article</th>
                <th scope="col" className="num">
                  Readers who joined
                </th>
                <th scope="col" className="num">
                  Asked, not confirmed
                </th>
                <th scope="col" className="num">
                  From the meter&rsquo;s notice
                </th>
                <th scope="col" className="num">
                  From the meter&rsquo;s wall
                </th>
              </tr>
            </thead>
            <tbody>
              {top.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <Link href={`/desk/articles/${a.id}`}>{a.title}</Link>
                    {a.status === "draft" && <span className="status-badge draft">Draft</span>}
                  </th>
                  <td className="num">{a.joins}</td>
                  <td className="num">{a.asked}</td>
                  <td className="num">
                    <Joined signups={a.notice} />
                  </td>
                  <td className="num">
                    <Joined signups={a.wall} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="meter">
        <h2 id="meter">The meter, last 30 days</h2>
        <p className="desk-hint">
          The meter is {meterSummary(meter)}: <Link href="/desk/settings">change it in Settings</Link>. A free read is a
          premium article a reader without an account read in full as one of their free articles; a reader runs out on
          their last one. Joins from its notice (above a free read) and its wall (once they ran out) count as above.
        </p>
        <MeterFiguresTable columns={[{ label: "Last 30 days", figures: meterFigures }]} caption="What the meter did in the last 30 days" />
        <MeterChart days={meterDays} />
      </section>
      <section aria-labelledby="history">
        <h2 id="history">Recent changes</h2>
        <DeskChangeList changes={changes} />
      </section>
    </DeskShell>
  );
}
