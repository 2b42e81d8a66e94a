// The search box and page number of the desk's lists (articles, members).

/** A user's search text as an ILIKE "contains" pattern, its wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** ?page= as a 1-based page number. */
export function pageNumber(v: unknown): number {
  const n = typeof v === "string" ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 100_000) : 1;
}

/** ?q= and ?page= of a list page. */
export function listQuery(sp: Record<string, string | string[] | undefined>): { q: string; page: number } {
  return { q: typeof sp.q === "string" ? sp.q.slice(0, 200) : "", page: pageNumber(sp.page) };
}
