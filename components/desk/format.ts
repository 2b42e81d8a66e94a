const dateTime = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** "20 Nov 2026, 08:30 UTC": one fixed time zone so every editor reads the same. */
export function formatDateTime(d: Date | null): string {
  return d ? `${dateTime.format(d)} UTC` : "never";
}
