// Integration: `npm run worker` in its own process sends mail queued by another process.
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { simpleParser } from "mailparser";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { sql } from "drizzle-orm";
import { issueSignIn } from "@/lib/auth/sign-in-tokens";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

const database = useTestDatabase();

describe.skipIf(!usingPostgres)("npm run worker", () => {
  it("delivers queued sign-in mail from a separate process, once", async () => {
    const received: { to: string; subject: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS", "AUTH"],
      logger: false,
      onData(stream, session, done) {
        simpleParser(stream).then((m) => {
          received.push({ to: session.envelope.rcptTo[0].address, subject: m.subject ?? "" });
          done();
        }, done);
      },
    });
    await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
    const port = (smtp.server.address() as { port: number }).port;

    // Queued here, in this process, which runs no worker.
    await issueSignIn({ email: "worker@example.com", asTyped: "worker@example.com", callbackUrl: "/", article: null, newsletterConsent: false, joining: false });

    const root = path.resolve(__dirname, "../..");
    const worker = spawn(path.join(root, "node_modules/.bin/tsx"), ["--conditions=react-server", "scripts/worker.ts"], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: database.url(), EMAIL_SERVER: `smtp://127.0.0.1:${port}` },
      stdio: "ignore",
    });
    try {
      await expect.poll(() => received.length, { timeout: 30_000, interval: 200 }).toBe(1);
      expect(received[0].to).toBe("worker@example.com");
      expect(received[0].subject).toMatch(/^Sign in to .+ with code \d{6}$/);
      // Once: the job is recorded completed (so pg-boss will not run it again), and still one copy.
      const states = async () => rowsOf<{ state: string }>(await db.execute(sql`select state from pgboss.job where name = 'mail'`)).map((r) => r.state);
      await expect.poll(states, { timeout: 30_000, interval: 200 }).toEqual(["completed"]);
      expect(received).toHaveLength(1);
    } finally {
      worker.kill("SIGTERM");
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  });
});
