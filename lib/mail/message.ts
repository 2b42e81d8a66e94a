/** One email as Lede queues and sends it. */
export type MailMessage = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  /** The From header when not EMAIL_FROM's (a newsletter's sender name), and a stable Message-ID. */
  from?: string;
  messageId?: string;
  /** What the dev mailbox prints to the server log (a sign-in link, say). */
  logLine?: string;
};

/** Escapes text for HTML: the mail components do it by themselves; string-built pages use this. */
export { escapeHtml } from "./jsx/jsx-runtime";
