// What the desk says when an issue stopped sending, in one place (no server-only: the
// progress panel renders it in the browser too, as the polled counts change).
import type { IssuePause } from "./progress";

export function pauseNotice(pause: IssuePause): string {
  const reply = pause.reason ? ` (${pause.reason})` : "";
  if (pause.kind === "complaints") {
    return `Sending paused by the send guard: ${pause.reason}. Gmail and Yahoo expect fewer than 0.1% complaints and refuse bulk mail past 0.3%; ` +
      "the addresses that complained are unsubscribed. Check what this issue sent and to whom, then Resume to send the rest " +
      "(it pauses again only if more complaints come in).";
  }
  if (pause.kind === "bounces") {
    return `Sending paused by the send guard: ${pause.reason}. The bounced addresses are suppressed; so many usually means an old ` +
      "or bought list. Check where these addresses came from, then Resume to send the rest (it pauses again only if more bounce).";
  }
  return pause.kind === "setup"
    ? `Sending paused: the mail server refused our sending setup (the login or the sender address) ${pause.run} times in a row${reply}. ` +
        "No address was suppressed. Check EMAIL_SERVER and EMAIL_FROM, then Resume."
    : `Sending paused: the mail server refused the message itself ${pause.run} times in a row${reply}. ` +
        "No address was suppressed. Fix the cause, then Resume.";
}
