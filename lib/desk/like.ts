/** A user's search text as an ILIKE "contains" pattern, its wildcards taken literally. */
export function containsPattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** ?page= as a 1-based page number. */
export function pageNumber(v: unknown): number {
  const n = typeof v === "string" ? Number.parseInt(v, 10) : NaN;
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 100_000) : 1;
}
