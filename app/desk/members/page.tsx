import { DeskShell } from "@/components/desk/desk-shell";
import { ImportForm } from "@/components/desk/import-form";
import { MemberTable } from "@/components/desk/member-table";
import { Pager } from "@/components/desk/pager";
import { SearchForm } from "@/components/desk/search-form";
import { requireEditor } from "@/lib/desk/guard";
import { listQuery } from "@/lib/desk/list-query";
import { searchMembers } from "@/lib/desk/members";

export const metadata = { title: "Members" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function MembersPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/members");
  const sp = await searchParams;
  const { q, page } = listQuery(sp);
  const list = await searchMembers(q, page);
  const exportHref = q ? `/desk/members/export.csv?${new URLSearchParams({ q })}` : "/desk/members/export.csv";
  return (
    <DeskShell editor={editor} current="members">
      <div className="desk-head">
        <h1>Members</h1>
        <a href={exportHref} className="button secondary" download>
          Export {q ? "these members" : "all members"} as CSV
        </a>
      </div>
      <SearchForm action="/desk/members" q={q} label="Search by address" placeholder="name@example.com" />
      <p className="desk-count" data-testid="member-count">
        {list.total === 0
          ? q
            ? `No member's address contains “${q}”.`
            : "No members yet."
          : `${list.total.toLocaleString("en-GB")} ${list.total === 1 ? "member" : "members"}${q ? ` matching “${q}”` : ""}`}
      </p>
      {list.rows.length > 0 && <MemberTable rows={list.rows} />}
      <Pager path="/desk/members" q={q} page={list.page} pages={list.pages} label="Member pages" />
      <ImportForm />
    </DeskShell>
  );
}
