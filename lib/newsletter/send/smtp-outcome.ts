// What an SMTP answer means for one delivery.

export type SendOutcome =
  | { kind: "sent" }
  /** 4xx, a refused or dropped connection, a timeout: try again later. */
  | { kind: "temporary"; reason: string }
  /** 5xx to this recipient or this message: the address is suppressed. */
  | { kind: "permanent"; reason: string };

type SmtpError = { message?: string; responseCode?: number; command?: string; code?: string; response?: string };

// A 5xx to these commands is about the recipient or the message. A 5xx to MAIL FROM,
// AUTH or the greeting is about the sending setup: suppressing the whole list for it
// would be a disaster, so that retries (and is logged) like an outage.
const RECIPIENT_COMMANDS = new Set(["RCPT TO", "DATA"]);

export function classifySmtpError(err: unknown): SendOutcome {
  const e = (err ?? {}) as SmtpError;
  const reason = (e.response ?? e.message ?? String(err)).split("\n")[0].slice(0, 300);
  const code = typeof e.responseCode === "number" ? e.responseCode : 0;
  if (code >= 500 && code < 600 && e.command && RECIPIENT_COMMANDS.has(e.command)) {
    return { kind: "permanent", reason };
  }
  return { kind: "temporary", reason: e.code && !e.response ? `${e.code}: ${reason}` : reason };
}

/** Exponential backoff: base, 2×base, 4×base… capped at six hours. */
export function retryDelaySeconds(attempt: number, baseSeconds: number): number {
  return Math.min(baseSeconds * 2 ** Math.max(0, attempt - 1), 6 * 60 * 60);
}

/** After this many attempts a temporary failure becomes a failed delivery (the address is not suppressed). */
export const MAX_ATTEMPTS = 12;
