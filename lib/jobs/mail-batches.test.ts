// Integration: a burst of sign-in mail goes out in seconds, and one refused address holds
// back none of the others (the in-process worker, a real SMTP server, a real database).
import { afterAll, describe, expect, it } from "vitest";
import { SMTPServer } from "smtp-server";
import { useTestDatabase } from "@/test/db";

const received: string[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onRcptTo(address, _session, done) {
    done(address.address.startsWith("refused") ? Object.assign(new Error("mailbox unavailable"), { responseCode: 550 }) : undefined);
  },
  onData(stream, session, done) {
    stream.on("end", () => {
      received.push(session.envelope.rcptTo[0].address);
      done();
    });
    stream.resume();
  },
});
await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", () => r()));
process.env.EMAIL_SERVER = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;

useTestDatabase();
afterAll(() => new Promise<void>((r) => smtp.close(() => r())));


async function queueSignIns(emails: string[]) {
  const { issueSignIn } = await import("@/lib/auth/sign-in-tokens");
  for (const email of emails) {
    await issueSignIn({ email, asTyped: email, callbackUrl: "/", article: null, newsletterConsent: false, joining: false });
  }
}

describe("the mail worker", () => {
  it("delivers a burst of 60 queued sign-in mails within seconds, and a refused address delays no other", async () => {
    const emails = Array.from({ length: 60 }, (_, i) => (i === 7 ? "refused@example.com" : `burst-${i}@example.com`));
    await queueSignIns(emails);
    const { startWorkers } = await import("./worker");
    const started = Date.now();
    await startWorkers();
    // pg-boss polls every half second; one message per fetch took 30 s for these.
    await expect.poll(() => received.length, { timeout: 12_000, interval: 100 }).toBe(59);
    expect(Date.now() - started).toBeLessThan(12_000);
    expect(new Set(received).size).toBe(59);
    expect(received).not.toContain("refused@example.com");
  });
});
