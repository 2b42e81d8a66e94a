// The members list, one side at a time: /desk/members (confirmed members) and
// /desk/members/awaiting (addresses that asked to join and never confirmed).
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { ImportForm } from "@/components/desk/import-form";
import { MemberTable } from "@/components/desk/member-table";
import { Pager } from "@/components/desk/pager";
import { SearchForm } from "@/components/desk/search-form";
import { requireEditor } from "@/lib/desk/guard";
import { listQuery } from "@/lib/desk/list-query";
import { newsletterView, searchMembers, type MemberFilter } from "@/lib/desk/members";
import { listNewsletters } from "@/lib/newsletter/newsletters";

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const SIDES: Record<MemberFilter, { path: string; tab: string; exportLabel: (q: string) => string }> = {
  confirmed: {
    path: "/desk/members",
    tab: "Confirmed",
    exportLabel: (q) => `Export ${q ? "these members" : "all members"} as CSV`,
  },
  awaiting: {
    path: "/desk/members/awaiting",
    tab: "Awaiting confirmation",
    exportLabel: (q) => `Export ${q ? "these addresses" : "all addresses awaiting confirmation"} as CSV`,
  },
};

const n = (v: number) => v.toLocaleString("en-GB");

function countLine(filter: MemberFilter, total: number, q: string, subscribersOf: string | null): string {
  const matching = (q ? ` matching “${q}”` : "") + (subscribersOf ? (filter === "confirmed" ? ` subscribed to ${subscribersOf}` : ` who asked for ${subscribersOf}`) : "");
  if (filter === "confirmed") {
    if (total === 0 && subscribersOf) return `No member${q ? ` whose address contains “${q}”` : ""} is subscribed to ${subscribersOf}.`;
    if (total === 0) return q ? `No member's address contains “${q}”.` : "No members yet.";
    return `${n(total)} ${total === 1 ? "member" : "members"}${matching}`;
  }
  if (total === 0 && subscribersOf) return `No address awaiting confirmation${q ? ` containing “${q}”` : ""} asked for ${subscribersOf}.`;
  if (total === 0) return q ? `No address awaiting confirmation contains “${q}”.` : "Nobody is awaiting confirmation.";
  return `${n(total)} ${total === 1 ? "address" : "addresses"} awaiting confirmation${matching}`;
}

export async function MembersView({ filter, searchParams }: { filter: MemberFilter; searchParams: SearchParams }) {
  const side = SIDES[filter];
  const editor = await requireEditor(side.path);
  const params = await searchParams;
  const { q, page } = listQuery(params);
  const newsletters = await listNewsletters({ includeArchived: true });
  const view = newsletterView(params, newsletters.map((n) => n.id));
  const list = await searchMembers(q, page, filter, view);
  const viewParams: Record<string, string> = { newsletter: String(view.newsletterId), ...(view.subscribersOnly ? { only: "subscribers" } : {}) };
  // The newsletter an editor picked stays picked on every link of the list: tabs, search, pages.
  const keep = typeof params.newsletter === "string" ? viewParams : {};
  const newsletterName = newsletters.find((nl) => nl.id === view.newsletterId)?.name ?? "";
  const exportParams = new URLSearchParams({ ...(filter === "awaiting" ? { status: "awaiting" } : {}), ...(q ? { q } : {}), ...viewParams });
  const exportHref = `/desk/members/export.csv${exportParams.size ? `?${exportParams}` : ""}`;
  return (
    <DeskShell editor={editor} current="members">
      <div className="desk-head">
        <h1>Members</h1>
        <a href={exportHref} className="button secondary" download>
          {side.exportLabel(q)}
        </a>
      </div>
      <nav className="desk-tabs" aria-label="Members by status">
        {(Object.keys(SIDES) as MemberFilter[]).map((key) => (
          <Link
            key={key}
            href={q || keep.newsletter ? `${SIDES[key].path}?${new URLSearchParams({ ...keep, ...(q ? { q } : {}) })}` : SIDES[key].path}
            aria-current={key === filter ? "page" : undefined}
            data-testid={`members-tab-${key}`}
          >
            {SIDES[key].tab} <span className="tab-count">{n(list.counts[key])}</span>
          </Link>
        ))}
      </nav>
      {filter === "awaiting" && (
        <p className="desk-hint">
          These addresses asked to join but never signed in, so nobody has shown they own them. They are not counted as
          members, get no newsletter, and are removed a week after their last sign-in link expired.
        </p>
      )}
      <SearchForm action={side.path} q={q} label="Search by address" placeholder="name@example.com" keep={keep} />
      {newsletters.length > 0 && (
        <form method="get" action={side.path} className="desk-filter" data-testid="member-newsletter-filter">
          {q && <input type="hidden" name="q" value={q} />}
          <label htmlFor="member-newsletter">Newsletter</label>{" "}
          <select id="member-newsletter" name="newsletter" defaultValue={String(view.newsletterId)}>
            {newsletters.map((nl) => (
              <option key={nl.id} value={nl.id}>
                {nl.name}
                {nl.archivedAt ? " (archived)" : ""}
              </option>
            ))}
          </select>{" "}
          <label>
            <input type="checkbox" name="only" value="subscribers" defaultChecked={view.subscribersOnly} /> Only its subscribers
          </label>{" "}
          <button type="submit" className="secondary">
            Show
          </button>
        </form>
      )}
      <p className="desk-count" data-testid="member-count">
        {countLine(filter, list.total, q, view.subscribersOnly ? newsletterName : null)}
      </p>
      {list.rows.length > 0 && <MemberTable rows={list.rows} />}
      <Pager path={side.path} q={q} page={list.page} pages={list.pages} label="Member pages" keep={keep} />
      {filter === "confirmed" && <ImportForm newsletters={newsletters.filter((nl) => !nl.archivedAt)} />}
    </DeskShell>
  );
}
