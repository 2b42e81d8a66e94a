// How many names the insight counts keep (lib/insight/counts.ts), shown on the desk.

/**
 * Named sources (another site's host, a newsletter issue) kept per article per day; past
 * these a day's new names count as unnamed ("other sites", "newsletter"), whichever
 * process flushes them: made-up referrers cannot grow the table.
 */
export const NAMED_SOURCES_PER_ARTICLE_DAY = 50;
