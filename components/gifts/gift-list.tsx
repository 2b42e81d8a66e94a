import { formatDate } from "@/components/format";
import type { MemberGift } from "@/lib/gifts/links";
import type { GiftSettings } from "@/lib/gifts/settings";

type Props = { gifts: MemberGift[]; madeThisMonth: number; settings: GiftSettings };

/** A member's gift links on /account: which article, when made, until when, opened how often. */
export function GiftList({ gifts, madeThisMonth, settings }: Props) {
  const left = Math.max(0, settings.perMonth - madeThisMonth);
  return (
    <>
      <p data-testid="gift-allowance">
        {settings.enabled
          ? `You can gift ${left} more premium ${left === 1 ? "article" : "articles"} this month: use "Gift this article" under one you are reading.`
          : "Gift links are switched off on this site for now: the links below do not open."}
      </p>
      {gifts.length === 0 ? (
        <p>You have not gifted an article yet.</p>
      ) : (
        <table className="gift-table" data-testid="gift-table">
          <caption className="visually-hidden">Your gift links, newest first</caption>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Made</th>
              <th scope="col">Link works until</th>
              <th scope="col">Opened</th>
              <th scope="col">Joined from it</th>
            </tr>
          </thead>
          <tbody>
            {gifts.map((g) => (
              <tr key={g.id}>
                <td>
                  <a href={`/articles/${g.slug}`}>{g.title}</a>
                </td>
                <td>{formatDate(g.createdAt)}</td>
                <td>{g.expired ? `Expired ${formatDate(g.expiresAt)}` : formatDate(g.expiresAt)}</td>
                <td>{g.opens === 1 ? "once" : `${g.opens.toLocaleString("en")} times`}</td>
                <td>{g.joins.toLocaleString("en")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
