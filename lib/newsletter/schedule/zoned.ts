// Wall-clock times in an IANA time zone, and the instants they name: the one place that
// knows about daylight saving. Pure (no env), so it is tested on its own.

export type Wall = { year: number; month: number; day: number; hour: number; minute: number };

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall clock in `timeZone` at instant `ms` (seconds dropped). */
export function wallAt(ms: number, timeZone: string): Wall & { second: number } {
  const parts = Object.fromEntries(formatter(timeZone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

const wallMs = (w: Wall) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute);

/** The zone's offset from UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const w = wallAt(ms, timeZone);
  return wallMs(w) + w.second * 1000 - Math.floor(ms / 1000) * 1000;
}

export type Resolved = { ok: true; at: Date; shifted: boolean } | { ok: false; reason: "invalid" | "gap" };

/**
 * The instant a wall-clock time names in `timeZone`. A time that happens twice (clocks go
 * back) is its first occurrence. A time that never happens (clocks go forward) is refused
 * with "gap", or with `gap: "after"` moved past the gap by its length (02:30 → 03:30).
 */
export function instantOf(w: Wall, timeZone: string, opts: { gap?: "refuse" | "after" } = {}): Resolved {
  const guess = wallMs(w);
  const check = new Date(guess);
  if (
    !Number.isFinite(guess) ||
    check.getUTCFullYear() !== w.year ||
    check.getUTCMonth() !== w.month - 1 ||
    check.getUTCDate() !== w.day ||
    check.getUTCHours() !== w.hour ||
    check.getUTCMinutes() !== w.minute
  ) {
    return { ok: false, reason: "invalid" };
  }
  const DAY = 86_400_000;
  const offsets = [...new Set([offsetAt(guess - DAY, timeZone), offsetAt(guess, timeZone), offsetAt(guess + DAY, timeZone)])];
  const matches = offsets
    .map((off) => guess - off)
    .filter((t) => {
      const back = wallAt(t, timeZone);
      return back.year === w.year && back.month === w.month && back.day === w.day && back.hour === w.hour && back.minute === w.minute;
    })
    .sort((a, b) => a - b);
  if (matches.length > 0) return { ok: true, at: new Date(matches[0]), shifted: false };
  if (opts.gap !== "after") return { ok: false, reason: "gap" };
  // In a gap: the offset from before the change puts the time just past it.
  const before = offsetAt(guess - DAY, timeZone);
  return { ok: true, at: new Date(guess - before), shifted: true };
}

/** "2026-12-07" and "07:00" as typed in a form (datetime-local gives "2026-12-07T07:00"). */
export function parseWall(date: string, time: string): Wall | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time.trim());
  if (!d || !t) return null;
  return { year: Number(d[1]), month: Number(d[2]), day: Number(d[3]), hour: Number(t[1]), minute: Number(t[2]) };
}

/**
 * The next instant after `after` whose wall clock in `timeZone` is `time` ("HH:MM") on one
 * of `days` (0 = Sunday). A day whose time falls in a daylight-saving gap runs just past it.
 */
export function nextRun(days: number[], time: string, timeZone: string, after: Date): Date | null {
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!t || days.length === 0) return null;
  const today = wallAt(after.getTime(), timeZone);
  for (let i = 0; i <= 8; i++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + i));
    if (!days.includes(date.getUTCDay())) continue;
    const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Number(t[1]), minute: Number(t[2]) };
    const r = instantOf(wall, timeZone, { gap: "after" });
    if (r.ok && r.at.getTime() > after.getTime()) return r.at;
  }
  return null;
}

/** The latest run at or before `at` (the schedule's last slot), looking back up to 8 days. */
export function previousRun(days: number[], time: string, timeZone: string, at: Date): Date | null {
  const t = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!t || days.length === 0) return null;
  const today = wallAt(at.getTime(), timeZone);
  for (let i = 0; i <= 8; i++) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - i));
    if (!days.includes(date.getUTCDay())) continue;
    const wall = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour: Number(t[1]), minute: Number(t[2]) };
    const r = instantOf(wall, timeZone, { gap: "after" });
    if (r.ok && r.at.getTime() <= at.getTime()) return r.at;
  }
  return null;
}

/** An instant as the desk shows it in the site's zone: "Mon, 7 Dec 2026, 07:00 (Europe/London)". */
export function formatWall(at: Date, timeZone: string): string {
  const text = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "short",
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return `${text} (${timeZone})`;
}

/** The value a datetime-local input shows for an instant, in the zone: "2026-12-07T07:00". */
export function wallInputValue(at: Date, timeZone: string): string {
  const w = wallAt(at.getTime(), timeZone);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${w.year}-${p(w.month)}-${p(w.day)}T${p(w.hour)}:${p(w.minute)}`;
}

/** The start of the next whole hour but one after `now`: the time the Schedule field offers. */
export function nextWholeHour(now: Date = new Date()): Date {
  return new Date(Math.ceil(now.getTime() / 3_600_000) * 3_600_000 + 3_600_000);
}
