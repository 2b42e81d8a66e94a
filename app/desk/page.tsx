import Link from "next/link";
import { ArticleTable } from "@/components/desk/article-table";
import { DeskShell } from "@/components/desk/desk-shell";
import { Pager } from "@/components/desk/pager";
import { SearchForm } from "@/components/desk/search-form";
import { StatusNotice } from "@/components/desk/status-notice";
import { listDeskArticles } from "@/lib/desk/articles-admin";
import { requireEditor } from "@/lib/desk/guard";
import { listQuery } from "@/lib/desk/list-query";
import { noticeText } from "@/lib/desk/notices";
import { meterSettings } from "@/lib/meter/settings";

export const metadata = { title: "Articles" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DeskArticlesPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk");
  const sp = await searchParams;
  const { q, page } = listQuery(sp);
  const [list, meter] = await Promise.all([listDeskArticles(q, page), meterSettings()]);
  const query = new URLSearchParams({ ...(q ? { q } : {}), ...(list.page > 1 ? { page: String(list.page) } : {}) });
  const self = query.size > 0 ? `/desk?${query}` : "/desk";
  return (
    <DeskShell editor={editor} current="articles">
      <div className="desk-head">
        <h1>Articles</h1>
        <Link href="/desk/articles/new" className="button">
          New article
        </Link>
      </div>
      <StatusNotice text={noticeText(sp.notice)} />
      <SearchForm action="/desk" q={q} label="Search titles" />
      <p className="desk-count">
        {list.total === 0
          ? q
            ? `No article has “${q}” in its title.`
            : "No articles yet."
          : `${list.total} ${list.total === 1 ? "article" : "articles"}${q ? ` with “${q}” in the title` : ""}`}
      </p>
      {list.rows.length > 0 && <ArticleTable rows={list.rows} returnTo={self} meterOn={meter.enabled} />}
      <Pager path="/desk" q={q} page={list.page} pages={list.pages} label="Article pages" />
    </DeskShell>
  );
}
