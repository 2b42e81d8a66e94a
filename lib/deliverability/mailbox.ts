import "server-only";
// The bounce mailbox (plain SMTP with VERP): read over IMAP, each delivery status
// notification and abuse report acted on like a provider's event, then deleted. What
// cannot be read, or names no delivery of Lede's (anyone can mail the bounce address, so
// an address in a report is never trusted alone), stays in the mailbox, counted on the desk.
import { ImapFlow } from "imapflow";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { MAILBOX_STATE_KEY, type MailboxState } from "./history";
import { deliveryOf, recordEvent } from "./record";
import { parseReport } from "./reports";
import { guardIssue } from "./guard";

/** Messages read per run; the rest wait for the next one. */
const PER_RUN = 200;
const MAX_MESSAGE_BYTES = 512 * 1024;

export type MailboxRun = { acted: number; unparsed: number };

function clientFor(url: string): { client: ImapFlow; mailbox: string } {
  const u = new URL(url);
  const secure = u.protocol === "imaps:";
  const client = new ImapFlow({
    host: u.hostname,
    port: Number(u.port || (secure ? 993 : 143)),
    secure,
    auth: { user: decodeURIComponent(u.username), pass: decodeURIComponent(u.password) },
    logger: false,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  });
  return { client, mailbox: decodeURIComponent(u.pathname.replace(/^\//, "")) || "INBOX" };
}

/** Acts on one message; true when it is done with (acted on, or a report with nothing to do). */
async function handle(raw: string, issues: Set<number>): Promise<boolean> {
  const report = parseReport(raw);
  if (!report) return false;
  const deliveryId = deliveryOf(report.hints);
  if (deliveryId === null) return false;
  for (const [i, f] of report.findings.entries()) {
    if (!f.kind) continue;
    const r = await recordEvent({ provider: "imap", id: `${report.id}#${i}`, kind: f.kind, email: f.recipient, deliveryHints: report.hints, occurredAt: new Date(), detail: f.detail });
    if (r.issueId !== null && (f.kind === "bounce" || f.kind === "complaint")) issues.add(r.issueId);
  }
  return true;
}

export async function readBounceMailbox(url = env.bounceImapUrl): Promise<MailboxRun | null> {
  if (!url) return null;
  const { client, mailbox } = clientFor(url);
  let acted = 0;
  let unparsed = 0;
  let error: string | null = null;
  try {
    await client.connect();
    const lock = await client.getMailboxLock(mailbox);
    try {
      const exists = typeof client.mailbox === "object" ? client.mailbox.exists : 0;
      const messages: { uid: number; raw: string | null }[] = [];
      if (exists > 0) {
        for await (const m of client.fetch(`1:${Math.min(exists, PER_RUN)}`, { uid: true, size: true, source: true })) {
          messages.push({ uid: m.uid, raw: m.source && (m.size ?? 0) <= MAX_MESSAGE_BYTES ? m.source.toString("utf8") : null });
        }
      }
      const done: number[] = [];
      const issues = new Set<number>();
      for (const m of messages) {
        if (m.raw && (await handle(m.raw, issues))) done.push(m.uid);
      }
      if (done.length > 0) await client.messageDelete(done, { uid: true });
      for (const issueId of issues) await guardIssue(issueId);
      acted = done.length;
      unparsed = exists - done.length;
    } finally {
      lock.release();
    }
    await client.logout();
  } catch (err) {
    error = (err as Error).message;
    console.error(`[bounce mailbox] reading failed: ${error}`);
    client.close();
  }
  const state: MailboxState = { checkedAt: new Date().toISOString(), unparsed, acted, error };
  await db.execute(sql`
    INSERT INTO site_setting (key, value) VALUES (${MAILBOX_STATE_KEY}, ${JSON.stringify(state)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET updated_at = now(), value = jsonb_build_object(
      'checkedAt', ${state.checkedAt}::text, 'unparsed', ${unparsed}::int, 'error', ${error}::text,
      'acted', coalesce((site_setting.value->>'acted')::int, 0) + ${acted}::int)`);
  return error ? null : { acted, unparsed };
}
