import { inArray } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles } from "@/lib/db/schema";
import { issueVisits } from "@/lib/insight/report";
import { FiguresTable } from "./figures-table";
import { count, rate } from "./rates";

/**
 * Readers who came to the site from one sent issue, per article it picked: views of the
 * links it carried (ref=newsletter&issue=<id>), no tracking pixel, no rewritten links.
 */
export async function IssueVisits({ issueId, articleIds }: { issueId: number; articleIds: number[] }) {
  const [visits, picked] = await Promise.all([
    issueVisits(issueId),
    articleIds.length ? db.select({ id: articles.id, title: articles.title }).from(articles).where(inArray(articles.id, articleIds)) : [],
  ]);
  const titles = new Map(picked.map((a) => [a.id, a.title]));
  const rows = articleIds.filter((id) => titles.has(id)).map((id) => ({ id, title: titles.get(id)!, ...(visits.get(id) ?? { views: 0, gateViews: 0, joins: 0 }) }));
  const total = rows.reduce((n, r) => n + r.views, 0);
  return (
    <section aria-labelledby="issue-visits">
      <h2 id="issue-visits">Readers who came from this issue</h2>
      <p>
        {total === 0
          ? "No reader has opened an article from this issue yet."
          : `${count(total)} ${total === 1 ? "view" : "views"} of its articles came from its links.`}{" "}
        Counted from the links themselves (each names the issue), with no tracking pixel and nothing per recipient.
      </p>
      {rows.length > 0 && (
        <FiguresTable
          testId="issue-visits"
          caption="Views, gate views and joins from this issue, per article it picked"
          first="Article"
          columns={["Views", "Gate views", "Joins", "Conversion"]}
          rows={rows.map((r) => ({
            key: String(r.id),
            head: r.title,
            cells: [count(r.views), count(r.gateViews), count(r.joins), rate(r.joins, r.gateViews)],
          }))}
        />
      )}
    </section>
  );
}
