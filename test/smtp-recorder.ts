// A real SMTP server for integration tests: records every accepted message by recipient,
// can answer MAIL FROM, RCPT TO or the end of DATA with a scripted reply (a relay refusing
// an address, a message, or us), and can hold messages unanswered (a crash mid-send).
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { simpleParser, type ParsedMail } from "mailparser";

/** A refusal, sent as written: `{ code: 550, message: "5.1.1 No such user" }` is "550 5.1.1 No such user". */
export type Refusal = { code: number; message: string };
export type Command = "MAIL FROM" | "RCPT TO" | "DATA";
/** What a script sees: the command, the message's recipient (null at MAIL FROM) and how often it was asked. */
export type Asked = { command: Command; to: string | null; attempt: number };

export class SmtpRecorder {
  readonly accepted: { to: string; mail: ParsedMail; raw: Buffer }[] = [];
  /** Every scripted refusal the server gave, in order. */
  readonly refusals: (Asked & Refusal)[] = [];
  /** Answers a command: a refusal, or null to go on. `attempt` counts per command and recipient. */
  script: (asked: Asked) => Refusal | null = () => null;
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
      // Replies go out exactly as scripted, enhanced status code included.
      hideENHANCEDSTATUSCODES: true,
      logger: false,
      // stop() closes open connections at once instead of waiting 30 s for clients to quit.
      closeTimeout: 100,
      onMailFrom: (_address, _session, callback) => callback(this.ask("MAIL FROM", null)),
      onRcptTo: (address, _session, callback) => callback(this.ask("RCPT TO", address.address.toLowerCase())),
      onData: (stream, session, callback) => {
        const to = session.envelope.rcptTo[0].address.toLowerCase();
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", async () => {
          if (this.holding) return; // never answered: the sender cannot count it as sent
          const refused = this.ask("DATA", to);
          if (refused) return callback(refused);
          if (++this.taken >= this.holdAfter) this.holding = true;
          const raw = Buffer.concat(chunks);
          this.accepted.push({ to, mail: await simpleParser(raw), raw });
          callback();
        });
      },
    });
    // A client killed mid-send (the crash tests SIGKILL the worker) resets its connections;
    // smtp-server reports that as an 'error' event, which unheard would end the test run.
    this.server.on("error", (err: NodeJS.ErrnoException) => {
      if (err.code !== "ECONNRESET" && err.code !== "EPIPE") throw err;
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

  /** Runs the script for one command; the error smtp-server answers with, or undefined to go on. */
  private ask(command: Command, to: string | null): (Error & { responseCode: number }) | undefined {
    const key = `${command} ${to ?? ""}`;
    const attempt = (this.attempts.get(key) ?? 0) + 1;
    this.attempts.set(key, attempt);
    const refusal = this.script({ command, to, attempt });
    if (!refusal) return undefined;
    this.refusals.push({ command, to, attempt, ...refusal });
    return Object.assign(new Error(refusal.message), { responseCode: refusal.code });
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
