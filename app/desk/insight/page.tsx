import Link from "next/link";
import { DeskChangeList } from "@/components/desk/audit-list";
import { DeskShell } from "@/components/desk/desk-shell";
import { MeterChart } from "@/components/meter/meter-chart";
import { MeterFiguresTable } from "@/components/meter/meter-figures";
import { ArticleTable } from "@/components/insight/article-table";
import { FunnelTable } from "@/components/insight/funnel-table";
import { GateJoinChart } from "@/components/insight/gate-join-chart";
import { NewsletterTable } from "@/components/insight/newsletter-table";
import { SourceTable } from "@/components/insight/source-table";
import { GiftFiguresTable } from "@/components/gifts/gift-figures";
import { giftFigures } from "@/lib/gifts/figures";
import { StatusNotice } from "@/components/desk/status-notice";
import { ExperimentTable } from "@/components/insight/experiment-table";
import { EndExperimentForm, StartExperimentForm } from "@/components/insight/experiment-forms";
import { noticeText } from "@/lib/desk/notices";
import { gateCopy } from "@/lib/experiments/gate-copy";
import { experimentsForDesk } from "@/lib/experiments/report";
import { recentDeskChanges } from "@/lib/desk/desk-changes";
import { requireEditor } from "@/lib/desk/guard";
import { meterPerDay, meterTotals } from "@/lib/desk/meter-insight";
import { meterSummary } from "@/lib/desk/meter-words";
import { articleSortOf, periodOf } from "@/lib/insight/period";
import { articleFunnels, funnels, gateViewsAndJoinsPerDay, newsletterTable, PERIODS, sourceTable } from "@/lib/insight/report";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Insight" };

type Props = { searchParams: Promise<{ days?: string; sort?: string; notice?: string }> };

/** Is the wall working: the funnel, per article and per source, what the meter did, and the desk's history. */
export default async function InsightPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/insight");
  const q = await searchParams;
  const days = periodOf(q.days);
  const sort = articleSortOf(q.sort);
  const [periodFunnels, perDay, articles, sources, newsletters, changes, meter, meterDays, meterFigures, gifts, experiments, standing] = await Promise.all([
    funnels(PERIODS),
    gateViewsAndJoinsPerDay(30),
    articleFunnels(days, sort),
    sourceTable(days),
    newsletterTable(days),
    recentDeskChanges(20),
    meterSettings(),
    meterPerDay(30),
    meterTotals(30),
    giftFigures(PERIODS),
    experimentsForDesk(),
    gateCopy(),
  ]);
  const running = experiments.running;
  return (
    <DeskShell editor={editor} current="insight">
      <h1>Insight</h1>
      <StatusNotice text={noticeText(q.notice)} />
      <p className="desk-hint">
        Counted on this server, with no cookie, script or third party: views are added up every few seconds, and nothing
        is kept about readers without an account. Bots and crawlers are counted apart. A join counts once per reader and
        article; confirmed means the reader then signed in from the mail.
      </p>
      <section aria-labelledby="funnel">
        <h2 id="funnel">The funnel</h2>
        <FunnelTable
          testId="funnel"
          caption="Views, gate views, joins, confirmed readers and newsletter subscribers, with the rate from each step to the next"
          columns={PERIODS.map((p, i) => ({ key: String(p), label: `Last ${p} days`, funnel: periodFunnels[i] }))}
        />
      </section>
      <section aria-labelledby="per-day">
        <h2 id="per-day">Gate views and joins, per day</h2>
        <GateJoinChart days={perDay} />
      </section>
      <nav className="period" aria-label="Period of the tables below">
        Tables below:{" "}
        {PERIODS.map((p) => (
          <span key={p}>
            {p === days ? (
              <strong aria-current="true">last {p} days</strong>
            ) : (
              <Link href={`/desk/insight?days=${p}&sort=${sort}#articles`}>last {p} days</Link>
            )}{" "}
          </span>
        ))}
      </nav>
      <section aria-labelledby="articles">
        <h2 id="articles">Articles, last {days} days</h2>
        <p className="desk-hint">
          Conversion is joins per gate view. <a href={`/desk/insight/export.csv?days=${days}&sort=${sort}`}>Download this table (CSV)</a>
        </p>
        <ArticleTable rows={articles} sort={sort} days={days} />
      </section>
      <section aria-labelledby="sources">
        <h2 id="sources">Where readers came from, last {days} days</h2>
        <p className="desk-hint">
          From the page&rsquo;s referrer, or its <code>ref</code> (your newsletter&rsquo;s links carry ref=newsletter). A
          join is credited to where the reader came to the site from.
        </p>
        <SourceTable rows={sources} days={days} />
      </section>
      <section aria-labelledby="newsletters">
        <h2 id="newsletters">Newsletters, last {days} days</h2>
        <p className="desk-hint">
          Each newsletter apart: its confirmed subscribers now, who confirmed and who unsubscribed in the period, the issues
          whose sending started in it, and the visits and joins their links brought (counted like any view, from the
          issue&rsquo;s own links: no pixel, no link rewriting).
        </p>
        <NewsletterTable rows={newsletters} days={days} />
      </section>
      <section aria-labelledby="experiment">
        <h2 id="experiment">Wall experiment</h2>
        <p className="desk-hint">
          Try two to four versions of the gate&rsquo;s words (and, with the meter on, its free reads). Each reader without an
          account gets one at random and keeps it (a cookie); members and bots are never in an experiment. Conversion is joins
          per gate view, with its 95% interval (Wilson).
        </p>
        {running ? (
          <>
            <p data-testid="experiment-running">
              Running: <strong>{running.name}</strong>, since {running.startedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
              ({running.startedBy}).
            </p>
            <ExperimentTable report={running} />
            <p data-testid="experiment-verdict">{running.verdict.words}</p>
            <EndExperimentForm experimentId={running.id} variants={running.variants.map((v) => ({ index: v.index, name: v.name }))} />
          </>
        ) : (
          <>
            <p data-testid="experiment-none">No experiment is running: every reader gets the same gate.</p>
            <StartExperimentForm standing={standing} meterOn={meter.enabled} />
          </>
        )}
        {experiments.ended.length > 0 && (
          <>
            <h3>Ended experiments</h3>
            {experiments.ended.map((e) => (
              <div key={e.id}>
                <p>
                  <strong>{e.name}</strong>, ended {e.endedAt?.toISOString().slice(0, 10)}: kept {e.winner !== null ? e.variants[e.winner]?.name : "–"}.{" "}
                  {e.verdict.words}
                </p>
                <ExperimentTable report={e} />
              </div>
            ))}
          </>
        )}
      </section>
      <section aria-labelledby="gifts">
        <h2 id="gifts">Gift links</h2>
        <p className="desk-hint">
          Members share premium articles with links that let anyone read them in full (<Link href="/desk/settings">Settings</Link>).
          Their readers are their own source above (&ldquo;Gift links from members&rdquo;); a join is credited to a gift only
          from a link that still opened.
        </p>
        <GiftFiguresTable columns={PERIODS.map((p, i) => ({ label: `Last ${p} days`, figures: gifts[i] }))} />
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
