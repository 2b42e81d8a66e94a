import Link from "next/link";
import type { DeskArticleRow } from "@/lib/desk/articles-admin";
import { formatDateTime } from "@/components/format";
import { MeteredToggle } from "@/components/meter/metered-toggle";
import { PremiumToggle } from "./premium-toggle";

type Props = { rows: DeskArticleRow[]; returnTo: string; meterOn: boolean };

export function StatusBadge({ status }: { status: "published" | "draft" }) {
  return <span className={`status-badge ${status}`}>{status === "published" ? "Published" : "Draft"}</span>;
}

/** Every article with its status, premium and members-only switches, last change and signups. */
export function ArticleTable({ rows, returnTo, meterOn }: Props) {
  return (
    <>
      {!meterOn && rows.some((a) => a.premium) && (
        <p className="desk-hint" data-testid="meter-off-note">
          The meter is off, so every premium article is for members only, whatever its switch says.{" "}
          <Link href="/desk/settings">Turn the meter on in Settings</Link>.
        </p>
      )}
      <table className="desk-table" data-testid="desk-articles">
        <caption className="visually-hidden">Articles, most recently changed first</caption>
        <thead>
          <tr>
            <th scope="col">Title</th>
            <th scope="col">Status</th>
            <th scope="col">Premium</th>
            <th scope="col">
              Meter <span className="sub">{meterOn ? "on" : "off"}</span>
            </th>
            <th scope="col">Updated</th>
            <th scope="col" className="num">
              Signups <span className="sub">confirmed (+ not yet)</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <th scope="row">
                <Link href={`/desk/articles/${a.id}`}>{a.title}</Link>
              </th>
              <td>
                <StatusBadge status={a.status} />
              </td>
              <td>
                <PremiumToggle articleId={a.id} title={a.title} premium={a.premium} returnTo={returnTo} />
              </td>
              <td>
                {a.premium ? (
                  <MeteredToggle articleId={a.id} title={a.title} metered={a.metered} returnTo={returnTo} />
                ) : (
                  <span className="sub">Free article</span>
                )}
              </td>
              <td>
                <time dateTime={a.updatedAt.toISOString()}>{formatDateTime(a.updatedAt)}</time>
              </td>
              <td className="num" data-testid="article-signups">
                {a.signups}
                {a.asked > 0 && (
                  <span className="sub" title="Asked to join, not confirmed yet">
                    +{a.asked} not confirmed
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
