// A real SMTP server for integration tests: records every accepted message by recipient,
// and can refuse recipients (5xx/4xx) or hold messages unanswered (a crash mid-send).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

export type Refusal = { code: number; message: string };

export class SmtpRecorder {
  readonly accepted: { to: string; mail: ParsedMail; raw: Buffer }[] = [];
  /** Answers RCPT TO for an address: a refusal, or null to accept. */
  refuse: (address: string, attempt: number) => Refusal | null = () => null;
  /** While true, messages are read but never answered: the client waits, nothing is accepted. */
  holding = false;
  /** Starts holding once this many messages were accepted. */
  holdAfter = Number.POSITIVE_INFINITY;
  private attempts = new Map<string, number>();
  private taken = 0;
  private server: SMTPServer | null = null;

  private port = 0;

  /** Listens on a free port (or the one it had, when restarted) and returns it. */
  async start(): Promise<number> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      // stop() closes open connections at once instead of waiting 30 s for clients to quit.
      closeTimeout: 100,
      onRcptTo: (address, _session, callback) => {
        const to = address.address.toLowerCase();
        const attempt = (this.attempts.get(to) ?? 0) + 1;
        this.attempts.set(to, attempt);
        const refusal = this.refuse(to, attempt);
        if (!refusal) return callback();
        callback(Object.assign(new Error(refusal.message), { responseCode: refusal.code }));
      },
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo[0].address.toLowerCase();
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          if (this.holding) return; // never answered: the sender cannot count it as sent
          if (++this.taken >= this.holdAfter) this.holding = true;
          const raw = Buffer.concat(chunks);
          this.accepted.push({ to, mail: await simpleParser(raw), raw });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => this.server!.listen(this.port, "127.0.0.1", resolve));
    this.port = (this.server!.server.address() as AddressInfo).port;
    return this.port;
  }

  async stop(): Promise<void> {
    const s = this.server;
    this.server = null;
    if (s) await new Promise<void>((resolve) => s.close(() => resolve()));
  }

  count(to: string): number {
    return this.accepted.filter((m) => m.to === to.toLowerCase()).length;
  }

  /** Recipients that got more than one copy. */
  duplicates(): string[] {
    const seen = new Map<string, number>();
    for (const m of this.accepted) seen.set(m.to, (seen.get(m.to) ?? 0) + 1);
    return [...seen].filter(([, n]) => n > 1).map(([to]) => to);
  }
}

/** Polls `check` until it holds or `ms` pass: wait for a state, never sleep a guess. */
export async function waitUntil(check: () => Promise<boolean> | boolean, ms = 20_000, what = "condition"): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
