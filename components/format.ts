// Dates as readers and editors see them: one fixed time zone (UTC), so every server
// render, and every editor, reads the same.
const long = new Intl.DateTimeFormat("en-GB", { dateStyle: "long", timeZone: "UTC" });
const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "20 November 2026". */
export function formatDate(d: Date): string {
  return long.format(d);
}

/** "20 Nov 2026, 08:30 UTC"; "never" for no date. */
export function formatDateTime(d: Date | null): string {
  return d ? `${dateTime.format(d)} UTC` : "never";
}
