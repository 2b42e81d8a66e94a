// Integration against a real Dovecot: a bounce (RFC 3464) and an abuse report (ARF,
// RFC 5965) land in the bounce mailbox; read over IMAP, the first address ends suppressed,
// the second unsubscribed and suppressed; a report naming no delivery of Lede's (anyone
// can mail the bounce address) and a message that is no report stay, counted.
import { ImapFlow } from "imapflow";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { startDovecot, type Dovecot } from "@/test/dovecot";
import { issue as makeIssue, subscriber } from "@/test/newsletter";

process.env.LEDE_BOUNCE_DOMAIN = "bounces.example.com";

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await startDovecot();
  process.env.LEDE_BOUNCE_IMAP_URL = dovecot.url;
});
afterAll(async () => {
  await dovecot?.stop();
});

useTestDatabase();

const dsn = (verp: string, recipient: string, status: string, action = "failed") =>
  [
    "From: Mail Delivery System <MAILER-DAEMON@mx.example.net>",
    `To: ${verp}`,
    "Subject: Undelivered Mail Returned to Sender",
    `Message-ID: <dsn.${Math.random().toString(36).slice(2)}@mx.example.net>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=delivery-status;\r\n\tboundary="=_dsn_b"',
    "",
    "--=_dsn_b",
    "Content-Type: text/plain; charset=us-ascii",
    "",
    "I'm sorry to have to inform you that your message could not be delivered.",
    "",
    "--=_dsn_b",
    "Content-Type: message/delivery-status",
    "",
    "Reporting-MTA: dns; mx.example.net",
    "Arrival-Date: Mon, 7 Dec 2026 10:00:00 +0000",
    "",
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${action}`,
    `Status: ${status}`,
    `Diagnostic-Code: smtp; 550 ${status} mailbox unavailable`,
    "",
    "--=_dsn_b",
    "Content-Type: text/rfc822-headers",
    "",
    `Return-Path: <${verp}>`,
    "Subject: The weekly",
    "",
    "--=_dsn_b--",
    "",
  ].join("\r\n");

const arf = (messageId: string, deliveryHeader: string) =>
  [
    "From: staff@isp.example",
    "To: abuse@bounces.example.com",
    "Subject: FW: The weekly",
    `Message-ID: <arf.${Math.random().toString(36).slice(2)}@isp.example>`,
    "MIME-Version: 1.0",
    'Content-Type: multipart/report; report-type=feedback-report; boundary="part1"',
    "",
    "--part1",
    "Content-Type: text/plain",
    "",
    "This is an email abuse report for an email message received from IP 192.0.2.1.",
    "",
    "--part1",
    "Content-Type: message/feedback-report",
    "",
    "Feedback-Type: abuse",
    "User-Agent: SomeGenerator/1.0",
    "Version: 1",
    "Original-Rcpt-To: <redacted@isp.example>",
    "",
    "--part1",
    "Content-Type: message/rfc822",
    "Content-Disposition: inline",
    "",
    "From: news@example.com",
    "To: someone@isp.example",
    "Subject: The weekly",
    `Message-ID: ${messageId}`,
    `X-Lede-Delivery: ${deliveryHeader}`,
    "",
    "Hello.",
    "",
    "--part1--",
    "",
  ].join("\r\n");

describe("the bounce mailbox", () => {
  it("acts on a DSN and an ARF report that name Lede's deliveries, and leaves the rest, counted", async () => {
    const { db } = await import("@/lib/db/client");
    const { rowsOf } = await import("@/lib/db/rows");
    const { verpAddress, newsletterMessageId, deliveryToken } = await import("./delivery-token");
    const { readBounceMailbox } = await import("./mailbox");
    const { mailboxState } = await import("./history");
    const q = async <T,>(s: ReturnType<typeof sql>) => rowsOf<T>(await db.execute(s));
    const issueId = await makeIssue("The weekly", []);
    const ids: Record<string, string> = {};
    for (const email of ["gone@example.org", "angry@example.org", "victim@example.org"]) {
      const userId = await subscriber(email);
      const [{ id }] = await q<{ id: string }>(sql`INSERT INTO newsletter_delivery (issue_id, user_id, email, status, sent_at) VALUES (${issueId}, ${userId}, ${email}, 'sent', now()) RETURNING id::text`);
      ids[email] = id;
    }
    const verp = verpAddress(ids["gone@example.org"])!;
    expect(verp).toMatch(/^bounces\+\d+-[0-9a-f]{20}@bounces\.example\.com$/);

    const imap = new ImapFlow({ host: "127.0.0.1", port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await imap.connect();
    await imap.append("INBOX", dsn(verp, "gone@example.org", "5.1.1"));
    await imap.append("INBOX", arf(newsletterMessageId(issueId, ids["angry@example.org"]), deliveryToken(ids["angry@example.org"])));
    // Forged: a bounce for victim@ sent by anyone to the bounce address, with a made-up token.
    await imap.append("INBOX", dsn(`bounces+${ids["victim@example.org"]}-0123456789abcdef0123@bounces.example.com`, "victim@example.org", "5.1.1"));
    await imap.append("INBOX", "From: someone@example.net\r\nSubject: out of office\r\n\r\nI am away.\r\n");

    expect(await readBounceMailbox()).toEqual({ acted: 2, unparsed: 2 });
    const status = async (email: string) => (await q<{ status: string }>(sql`SELECT s.status FROM subscription s JOIN "user" u ON u.id = s.user_id WHERE u.email = ${email}`))[0].status;
    const suppression = async (email: string) => (await q<{ reason: string }>(sql`SELECT reason FROM suppression WHERE email = ${email}`))[0]?.reason ?? null;
    expect(await status("gone@example.org")).toBe("suppressed");
    expect(await suppression("gone@example.org")).toBe("bounce");
    expect(await status("angry@example.org")).toBe("unsubscribed");
    expect(await suppression("angry@example.org")).toBe("complaint");
    expect(await status("victim@example.org")).toBe("active");
    expect(await suppression("victim@example.org")).toBeNull();
    const events = await q<{ kind: string; issue_id: number; provider: string; detail: string }>(sql`SELECT kind, issue_id, provider, detail FROM mail_event ORDER BY id`);
    expect(events.map((e) => [e.kind, e.issue_id, e.provider])).toEqual([["bounce", issueId, "imap"], ["complaint", issueId, "imap"]]);
    expect(events[0].detail).toContain("5.1.1");

    // The two it could not act on are still there; the desk is told how many.
    const box = await imap.status("INBOX", { messages: true });
    expect(box.messages).toBe(2);
    expect(await mailboxState()).toMatchObject({ unparsed: 2, acted: 2, error: null });
    // A second run changes nothing and counts the same.
    expect(await readBounceMailbox()).toEqual({ acted: 0, unparsed: 2 });
    await imap.logout();
  });
});
