// A flood of bad requests to the events routes must not become a flood of log lines:
// the first refusal of a minute is logged at once, the rest of that minute as one count.

const WINDOW_MS = 60_000;

type Window = { count: number; last: string; timer: ReturnType<typeof setTimeout> | null };
const windows = new Map<string, Window>();

export function noteRefusal(route: string, reason: string, log: (line: string) => void = console.warn): void {
  let w = windows.get(route);
  if (w) {
    w.count++;
    w.last = reason;
    return;
  }
  log(`[email-events] ${route}: refused a request (${reason})`);
  w = { count: 0, last: reason, timer: null };
  windows.set(route, w);
  const win = w;
  win.timer = setTimeout(() => {
    windows.delete(route);
    if (win.count > 0) log(`[email-events] ${route}: refused ${win.count.toLocaleString("en-GB")} more requests in the last minute (last: ${win.last})`);
  }, WINDOW_MS);
  win.timer.unref?.();
}
