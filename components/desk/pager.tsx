import Link from "next/link";

type Props = { path: string; q: string; page: number; pages: number; label: string; keep?: Record<string, string> };

function href(path: string, q: string, page: number, keep: Record<string, string>) {
  const params = new URLSearchParams(keep);
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** Previous / next page links that keep the search and the list's other choices (`keep`: a newsletter, say). */
export function Pager({ path, q, page, pages, label, keep = {} }: Props) {
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={label}>
      {page > 1 ? <Link href={href(path, q, page - 1, keep)} rel="prev">← Previous</Link> : <span aria-hidden="true" />}
      <span>
        Page {page} of {pages}
      </span>
      {page < pages ? <Link href={href(path, q, page + 1, keep)} rel="next">Next →</Link> : <span aria-hidden="true" />}
    </nav>
  );
}
