const long = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });

/** "20 November 2026": one fixed time zone so server renders agree. */
export function formatDate(d: Date): string {
  return long.format(d);
}
