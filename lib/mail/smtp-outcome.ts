// What an SMTP answer means for one delivery. The one question that matters most: is
// this about the address (stop mailing it) or about the message or our own sending setup
// (never the address's fault)? Getting it wrong the first way suppresses a whole list.

export type SendOutcome =
  | { kind: "sent" }
  /** 4xx, a refused or dropped connection, a timeout: try again later. */
  | { kind: "temporary"; reason: string }
  /** The address itself is bad (5xx to RCPT TO, or a 5.1.x status): suppress it. */
  | { kind: "bad-address"; reason: string }
  /** The server refused this message (content, size, policy at DATA): fail it, keep the address. */
  | { kind: "message-refused"; reason: string }
  /** The server refused us (login, sender, relaying, our IP): retry, keep the address. */
  | { kind: "setup-refused"; reason: string };

/** A server reply as nodemailer hands it over: "550-5.1.1 …\n550 5.1.1 …". */
export type SmtpReply = { code: number; enhanced: string | null; text: string };

const FIRST_LINE = /^(\d{3})(?:[ -](.*))?$/;
// RFC 3463 class.subject.detail right after the reply code (RFC 2034), or the "#5.1.1" some
// older servers (qmail, Yahoo) write inside the text instead.
const LEADING_STATUS = /^([245]\.\d{1,3}\.\d{1,3})(?:\s+|$)/;
const HASHED_STATUS = /#([245]\.\d{1,3}\.\d{1,3})(?![\d.])/;

/** Parses a (possibly multi-line) reply; null when it does not start with a reply code. */
export function parseReply(response: string): SmtpReply | null {
  const lines = response.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const first = lines.length ? FIRST_LINE.exec(lines[0]) : null;
  if (!first) return null;
  const code = Number(first[1]);
  let enhanced: string | null = null;
  const texts: string[] = [];
  for (const line of lines) {
    let rest = FIRST_LINE.exec(line)?.[2] ?? line;
    const status = LEADING_STATUS.exec(rest);
    if (status) {
      enhanced ??= status[1];
      rest = rest.slice(status[0].length);
    }
    if (rest) texts.push(rest);
  }
  const text = texts.join(" ");
  enhanced ??= HASHED_STATUS.exec(text)?.[1] ?? null;
  // A status whose class disagrees with the reply code (a "2.0.0" on a 550) is not believed.
  if (enhanced && enhanced[0] !== first[1][0]) enhanced = null;
  return { code, enhanced, text };
}

type SmtpError = { message?: string; responseCode?: number; command?: string; code?: string; response?: string };

// "Message too big", whichever command the server chose to say it at (Postfix answers a
// SIZE= that is over its limit at MAIL FROM).
const TOO_BIG = new Set(["5.3.4", "5.2.3"]);
// RFC 3463: X.1.7 bad sender's mailbox address syntax, X.1.8 bad sender's system address.
const SENDER_STATUS = new Set(["5.1.7", "5.1.8"]);

function oneLine(reply: SmtpReply): string {
  return [reply.code, reply.enhanced, reply.text].filter(Boolean).join(" ");
}

export function classifySmtpError(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const reply = typeof e.response === "string" ? parseReply(e.response) : null;
  const code = typeof e.responseCode === "number" ? e.responseCode : (reply?.code ?? 0);
  const message = (e.message ?? String(err)).split("\n")[0];
  const reason = (reply ? oneLine(reply) : e.code ? `${e.code}: ${message}` : message).slice(0, 300);

  if (code < 500 || code > 599) {
    // No reply from the server. nodemailer refuses, before sending, a message over the
    // SIZE the server announced, and an address it cannot put in an envelope.
    if (e.code === "EMESSAGE" && !e.response) return { kind: "message-refused", reason };
    if (e.code === "EENVELOPE" && e.command === "API" && /^Invalid recipient/.test(message)) return { kind: "bad-address", reason };
    return { kind: "temporary", reason };
  }
  const status = reply?.enhanced ?? null;
  // 5.1.7 and 5.1.8 are about the sender's address, whatever command they answer.
  if (status && SENDER_STATUS.has(status)) return { kind: "setup-refused", reason };
  if (status && TOO_BIG.has(status)) return { kind: "message-refused", reason };
  if (e.command === "RCPT TO") {
    // 5.7.x (relaying denied, our IP or sender blocked, authentication required) and 5.3.x
    // (the mail system is not accepting mail) at RCPT are about us: a relay answering
    // "554 5.7.1 Relay access denied" to every recipient must not suppress every recipient.
    if (status && /^5\.[37]\./.test(status)) return { kind: "setup-refused", reason };
    return { kind: "bad-address", reason };
  }
  if (e.command === "DATA") {
    // 5.1.x: a bad destination mailbox or address, even when the server says so after DATA
    // (5.1.0, "other address status", names no address; some servers use it for the sender).
    if (status?.startsWith("5.1.") && status !== "5.1.0") return { kind: "bad-address", reason };
    return { kind: "message-refused", reason };
  }
  // AUTH, MAIL FROM, the greeting, EHLO, STARTTLS: about our sending setup, never one recipient.
  return { kind: "setup-refused", reason };
}
