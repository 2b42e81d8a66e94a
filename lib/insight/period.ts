import { ARTICLE_SORTS, PERIODS, type ArticleSort, type Period } from "./report";

/** ?days= as one of the desk's periods (7, 30 or 90 days), spelt just so; 30 otherwise. */
export function periodOf(value: unknown): Period {
  return PERIODS.find((p) => String(p) === value) ?? 30;
}

/** ?sort= as one of the article table's orders; gate views otherwise. */
export function articleSortOf(value: unknown): ArticleSort {
  return (ARTICLE_SORTS as readonly unknown[]).includes(value) ? (value as ArticleSort) : "gate-views";
}
