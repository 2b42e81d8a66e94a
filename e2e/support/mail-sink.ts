// A real SMTP server for the e2e suite, with a small HTTP API so that test workers (other
// processes) can read what arrived and stop or restart the SMTP side to simulate outages.
import http from "node:http";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";

export type ReceivedMail = {
  id: number;
  envelopeTo: string[];
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  receivedAt: string;
};

export class MailSink {
  private messages: ReceivedMail[] = [];
  private smtp: SMTPServer | null = null;
  private api: http.Server | null = null;
  private nextId = 1;
  /** Milliseconds the SMTP side waits before accepting each message (a slow receiving server). */
  delayMs = 0;

  constructor(
    private readonly smtpPort: number,
    private readonly httpPort: number,
  ) {}

  /** What arrived so far, for a spec that runs its own sink in its own process. */
  received(): ReceivedMail[] {
    return this.messages;
  }

  async start(): Promise<void> {
    await this.startSmtp();
    this.api = http.createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.api!.listen(this.httpPort, "127.0.0.1", resolve));
  }

  async stop(): Promise<void> {
    await this.stopSmtp();
    await new Promise<void>((resolve) => (this.api ? this.api.close(() => resolve()) : resolve()));
  }

  private startSmtp(): Promise<void> {
    if (this.smtp) return Promise.resolve();
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            const headers: Record<string, string> = {};
            for (const line of parsed.headerLines) {
              const i = line.line.indexOf(":");
              headers[line.key] = line.line.slice(i + 1).trim();
            }
            this.messages.push({
              id: this.nextId++,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              from: parsed.from?.text ?? "",
              to: Array.isArray(parsed.to) ? parsed.to.map((t) => t.text).join(", ") : (parsed.to?.text ?? ""),
              subject: parsed.subject ?? "",
              text: parsed.text ?? "",
              html: typeof parsed.html === "string" ? parsed.html : "",
              headers,
              receivedAt: new Date().toISOString(),
            });
            if (this.delayMs > 0) setTimeout(() => callback(), this.delayMs);
            else callback();
          })
          .catch((err: Error) => callback(err));
      },
    });
    this.smtp = server;
    return new Promise((resolve) => server.listen(this.smtpPort, "127.0.0.1", () => resolve()));
  }

  private stopSmtp(): Promise<void> {
    const server = this.smtp;
    this.smtp = null;
    return new Promise((resolve) => (server ? server.close(() => resolve()) : resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", "http://sink");
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && url.pathname === "/messages") {
      const to = url.searchParams.get("to")?.toLowerCase();
      return send(200, to ? this.messages.filter((m) => m.envelopeTo.includes(to)) : this.messages);
    }
    if (req.method === "POST" && url.pathname === "/smtp/stop") {
      await this.stopSmtp();
      return send(200, { smtp: "stopped" });
    }
    if (req.method === "POST" && url.pathname === "/smtp/start") {
      await this.startSmtp();
      return send(200, { smtp: "started" });
    }
    send(404, { error: "not found" });
  }
}
