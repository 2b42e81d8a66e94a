// Reads what the mail sink received (see mail-sink.ts), from any test worker.
import { expect } from "@playwright/test";
import { SINK_URL } from "./env";
import type { ReceivedMail } from "./mail-sink";

export class MailClient {
  async list(to: string): Promise<ReceivedMail[]> {
    const res = await fetch(`${SINK_URL}/messages?to=${encodeURIComponent(to.toLowerCase())}`);
    return (await res.json()) as ReceivedMail[];
  }

  /** Everything the sink received, to anyone. */
  async all(): Promise<ReceivedMail[]> {
    return (await (await fetch(`${SINK_URL}/messages`)).json()) as ReceivedMail[];
  }

  /** Waits until `to` has received `count` messages, and returns the newest. */
  async waitFor(to: string, { count = 1, timeout = 30_000 } = {}): Promise<ReceivedMail> {
    let messages: ReceivedMail[] = [];
    await expect
      .poll(async () => (messages = await this.list(to)).length, { timeout, message: `mail to ${to}` })
      .toBeGreaterThanOrEqual(count);
    return messages[messages.length - 1];
  }

  /**
   * Checks, again and again for `ms`, that `to` has exactly `count` messages: for the
   * window in which a wrong extra copy (a retry) would arrive. Fails at the first other count.
   */
  async staysAt(to: string, count: number, ms: number): Promise<void> {
    const until = Date.now() + ms;
    do {
      expect((await this.list(to)).length, `messages to ${to}, ${Math.max(0, until - Date.now())} ms before the retry window ends`).toBe(count);
      await new Promise((r) => setTimeout(r, 250));
    } while (Date.now() < until);
  }

  async stopSmtp(): Promise<void> {
    await fetch(`${SINK_URL}/smtp/stop`, { method: "POST" });
  }

  async startSmtp(): Promise<void> {
    await fetch(`${SINK_URL}/smtp/start`, { method: "POST" });
  }
}

/** The sign-in link in a sign-in mail. */
export function linkIn(mail: ReceivedMail): string {
  const m = /(https?:\/\/\S+\/signin\/verify\?\S+)/.exec(mail.text);
  if (!m) throw new Error(`no sign-in link in mail "${mail.subject}"`);
  return m[1];
}

/** The 6-digit code in a sign-in mail's subject. */
export function codeIn(mail: ReceivedMail): string {
  const m = /code (\d{6})/.exec(mail.subject);
  if (!m) throw new Error(`no code in subject "${mail.subject}"`);
  return m[1];
}
