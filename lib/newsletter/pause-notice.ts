// What the desk says when an issue stopped sending, in one place (no server-only: the
// progress panel renders it in the browser too, as the polled counts change).
import type { IssuePause } from "./progress";

export function pauseNotice(pause: IssuePause): string {
  const reply = pause.reason ? ` (${pause.reason})` : "";
  return pause.kind === "setup"
    ? `Sending paused: the mail server refused our sending setup (the login or the sender address) ${pause.run} times in a row${reply}. ` +
        "No address was suppressed. Check EMAIL_SERVER and EMAIL_FROM, then Resume."
    : `Sending paused: the mail server refused the message itself ${pause.run} times in a row${reply}. ` +
        "No address was suppressed. Fix the cause, then Resume.";
}
