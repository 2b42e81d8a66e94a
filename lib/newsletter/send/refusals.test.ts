// Integration: what a refusal by the mail server does, through a real SMTP server that
// answers as relays do. Only a bad address is suppressed; a refused message fails alone;
// a run of refusals pauses the issue, the desk says why, and Resume finishes it once.
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { newsletterIssues } from "@/lib/db/schema";
import { findIssue } from "../issues";
import { pauseNotice } from "../pause-notice";
import { issueProgress } from "../progress";
import { pauseIfRefusedRun } from "./deliveries";
import { runFanout } from "./fan-out";
import { finishIfDone } from "./finish";
import { sendBlocker } from "./readiness";
import { resumeRefused } from "./resume-refused";
import { runSendJob } from "./send-batch";
import { startSending } from "./start";
import { recoverStalledIssues } from "./recover-stalled";
import { useTestDatabase } from "@/test/db";
import { waitUntil } from "@/test/smtp-recorder";
import { article, deliveryCounts, deliveryOf, issue, manySubscribers, sendToCompletion, subscriber, subscriptionOf, useSmtpRecorder } from "@/test/newsletter";

const smtp = useSmtpRecorder({ LEDE_SMTP_CONNECTIONS: "2" });
useTestDatabase();

const issueStatus = async (id: number) => (await findIssue(id))!.status;

/** Runs send jobs, as workers would, until the issue is paused or finished; `start` sends it first. */
async function sendUntilSettled(id: number, { start = false } = {}) {
  if (start) {
    expect(await startSending(id)).toMatchObject({ ok: true });
    await runFanout(id);
  }
  await waitUntil(async () => {
    await runSendJob(id);
    await finishIfDone(id);
    return ["paused", "sent"].includes(await issueStatus(id));
  }, 20_000, "the issue to pause or finish");
}

async function suppressedCount() {
  return rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM subscription WHERE status = 'suppressed'`))[0].n;
}
describe("refusals by the mail server", () => {
  // Each test sends to its own subscribers only: those of earlier tests leave the list.
  beforeEach(async () => {
    await db.execute(sql`UPDATE subscription SET status = 'unsubscribed' WHERE status = 'active'`);
    smtp.script = () => null;
  });

  it("suppresses only the address a 550 5.1.1 at RCPT TO refuses", async () => {
    const gone = await subscriber("gone@rcpt.example");
    const kept = await subscriber("kept@rcpt.example");
    smtp.script = ({ command, to }) => (command === "RCPT TO" && to === "gone@rcpt.example" ? { code: 550, message: "5.1.1 <gone@rcpt.example>: Recipient address rejected: User unknown in local recipient table" } : null);
    const id = await issue("RCPT issue", [await article("rcpt", false)]);
    try {
      await sendToCompletion(id);
    } finally {
      smtp.script = () => null;
    }
    expect(await subscriptionOf(gone)).toMatchObject({ status: "suppressed", suppressedReason: expect.stringContaining("550 5.1.1") });
    expect((await deliveryOf(id, gone)).status).toBe("failed");
    expect((await subscriptionOf(kept)).status).toBe("active");
    expect(smtp.count("kept@rcpt.example")).toBe(1);
    expect(await issueStatus(id)).toBe("sent");
  });

  it("fails one message refused at DATA (554 5.7.1) without suppressing its address, and sends it again on request", async () => {
    const flagged = await subscriber("flagged@data.example");
    await subscriber("fine@data.example");
    smtp.script = ({ command, to }) => (command === "DATA" && to === "flagged@data.example" ? { code: 554, message: "5.7.1 Message rejected: content flagged as spam" } : null);
    const id = await issue("DATA issue", [await article("data", false)]);
    await sendToCompletion(id);

    const refused = await deliveryOf(id, flagged);
    expect(refused).toMatchObject({ status: "refused", lastError: "554 5.7.1 Message rejected: content flagged as spam" });
    expect((await subscriptionOf(flagged)).status).toBe("active");
    expect(smtp.count("flagged@data.example")).toBe(0);
    expect(smtp.count("fine@data.example")).toBe(1);
    // One refusal is not a run: the issue finished, and the desk counts the refused one apart.
    expect(await issueProgress(id)).toMatchObject({ status: "sent", sent: 1, refused: 1, failed: 0, pause: null });

    smtp.script = () => null;
    expect(await resumeRefused(id)).toMatchObject({ ok: true });
    await sendToCompletion(id, { started: true });
    expect(smtp.count("flagged@data.example")).toBe(1);
    expect(smtp.count("fine@data.example")).toBe(1);
    expect(await issueProgress(id)).toMatchObject({ status: "sent", sent: 2, refused: 0 });
    expect(await resumeRefused(id)).toEqual({ ok: false, message: "Every delivery of this issue is finished: there is nothing to send again." });
  });

  it("pauses an issue whose every message the relay refuses, suppresses nobody, says why, and Resume sends each once", async () => {
    const before = await suppressedCount();
    const M = 30;
    const recipients = await manySubscribers(M, "refused.example");
    const id = await issue("Too big", [await article("too-big", false)]);
    smtp.script = ({ command }) => (command === "DATA" ? { code: 552, message: "5.3.4 Message size exceeds fixed limit" } : null);
    await sendUntilSettled(id, { start: true });

    expect(await issueStatus(id)).toBe("paused");
    expect(smtp.accepted.filter((m) => m.to.endsWith("@refused.example"))).toHaveLength(0);
    expect(await suppressedCount()).toBe(before);
    const progress = (await issueProgress(id))!;
    expect(progress.pause).toMatchObject({ kind: "message", reason: "552 5.3.4 Message size exceeds fixed limit", run: 5 });
    expect(pauseNotice(progress.pause!)).toBe(
      "Sending paused: the mail server refused the message itself 5 times in a row (552 5.3.4 Message size exceeds fixed limit). " +
        "No address was suppressed. Fix the cause, then Resume.",
    );
    // Workers stopped claiming: what was not in flight when it paused is still queued.
    expect(progress.refused).toBeGreaterThanOrEqual(5);
    expect(progress.queued).toBeGreaterThan(0);
    expect(progress.refused + progress.queued).toBe(M);
    const refusedSoFar = smtp.refusals.length;
    expect(await runSendJob(id)).toEqual({ processed: 0 });
    await recoverStalledIssues();
    expect(smtp.refusals.length).toBe(refusedSoFar);
    expect(sendBlocker({ status: "paused", hasContent: true, counts: { subscribers: M, waiting: 0 } })).toMatch(/paused/);

    // The editor fixes the cause; Resume sends every one of them, once.
    smtp.script = () => null;
    expect(await resumeRefused(id)).toEqual({ ok: true, message: `Sending resumed: ${M} waiting to go out.` });
    expect(await resumeRefused(id)).toEqual({ ok: false, message: "This issue is already sending." });
    await sendUntilSettled(id);
    expect(await issueStatus(id)).toBe("sent");
    expect(smtp.duplicates()).toEqual([]);
    expect(smtp.accepted.filter((m) => m.to.endsWith("@refused.example")).map((m) => m.to).sort()).toEqual([...recipients].sort());
    expect(await deliveryCounts(id)).toEqual({ sent: M });
    expect(await issueProgress(id)).toMatchObject({ pause: null, refused: 0 });
  });

  it("pauses on a run of refusals of our sending setup (5xx to MAIL FROM), retrying them, suppressing nobody", async () => {
    const before = await suppressedCount();
    const recipients = await manySubscribers(12, "setup.example");
    const id = await issue("Bad sender", [await article("bad-sender", false)]);
    smtp.script = ({ command }) => (command === "MAIL FROM" ? { code: 550, message: "5.7.1 Sender address rejected: not owned by user relay@example.com" } : null);
    await sendUntilSettled(id, { start: true });

    const progress = (await issueProgress(id))!;
    expect(progress).toMatchObject({ status: "paused", refused: 0, failed: 0, queued: 12 });
    expect(progress.pause).toMatchObject({ kind: "setup", reason: "550 5.7.1 Sender address rejected: not owned by user relay@example.com" });
    expect(pauseNotice(progress.pause!)).toMatch(/^Sending paused: the mail server refused our sending setup .* 5 times in a row \(550 5\.7\.1 .*\)\. No address was suppressed\. Check EMAIL_SERVER and EMAIL_FROM, then Resume\.$/);
    expect(await suppressedCount()).toBe(before);

    smtp.script = () => null;
    expect(await resumeRefused(id)).toMatchObject({ ok: true });
    await sendUntilSettled(id);
    expect(await issueStatus(id)).toBe("sent");
    for (const to of recipients) expect(smtp.count(to)).toBe(1);
  });
});

describe("what counts as a run of refusals", () => {
  // Deterministic: delivery rows with the timestamps that several workers would have written.
  async function rows(id: number, spec: { status: string; refusedAgo?: number; sentAgo?: number }[]) {
    const ids = await manySubscribers(spec.length, `run-${id}.example`).then(() =>
      db.execute(sql`SELECT id FROM "user" WHERE email LIKE ${`%@run-${id}.example`} ORDER BY id`),
    );
    const users = rowsOf<{ id: string }>(ids);
    for (const [i, r] of spec.entries()) {
      await db.execute(sql`
        INSERT INTO newsletter_delivery (issue_id, user_id, email, status, refused_at, sent_at)
        VALUES (${id}, ${users[i].id}, 'x@example.com', ${r.status},
                CASE WHEN ${r.refusedAgo ?? null}::int IS NULL THEN NULL ELSE now() - make_interval(secs => ${r.refusedAgo ?? 0}) END,
                CASE WHEN ${r.sentAgo ?? null}::int IS NULL THEN NULL ELSE now() - make_interval(secs => ${r.sentAgo ?? 0}) END)`);
    }
  }
  async function sendingIssue(name: string) {
    const id = await issue(name, [], "Hello.");
    await db.update(newsletterIssues).set({ status: "sending" }).where(eq(newsletterIssues.id, id));
    return id;
  }
  const refused = (ago: number) => ({ status: "refused", refusedAgo: ago });
  const sent = (ago: number) => ({ status: "sent", sentAgo: ago });

  it("is five refusals with nothing accepted since the first of them", async () => {
    const four = await sendingIssue("four");
    await rows(four, [sent(60), refused(50), refused(40), refused(30), refused(20)]);
    expect(await pauseIfRefusedRun(four, "message", "554 x")).toBe(false);

    const broken = await sendingIssue("broken");
    await rows(broken, [refused(50), refused(40), sent(35), refused(30), refused(20), refused(10)]);
    expect(await pauseIfRefusedRun(broken, "message", "554 x")).toBe(false);

    const run = await sendingIssue("run");
    await rows(run, [sent(90), refused(80), sent(70), refused(50), refused(40), refused(30), refused(20), refused(10)]);
    expect(await pauseIfRefusedRun(run, "message", "554 5.7.1 no")).toBe(true);
    expect(await issueStatus(run)).toBe("paused");
    expect(await pauseIfRefusedRun(run, "message", "554 5.7.1 no")).toBe(false); // already paused
  });

  it("counts a setup refusal later sent as broken, and nothing from before a Resume", async () => {
    // A row refused at MAIL FROM then accepted on retry keeps its refused_at, but its sent_at breaks the run.
    const retried = await sendingIssue("retried");
    await rows(retried, [{ status: "sent", refusedAgo: 50, sentAgo: 5 }, refused(40), refused(30), refused(20), refused(10)]);
    expect(await pauseIfRefusedRun(retried, "setup", "535 x")).toBe(false);

    const resumed = await sendingIssue("resumed");
    await rows(resumed, [refused(50), refused(40), refused(30), refused(20), refused(10)]);
    expect(await pauseIfRefusedRun(resumed, "message", "554 x")).toBe(true);
    expect(await resumeRefused(resumed)).toMatchObject({ ok: true });
    expect(await deliveryCounts(resumed)).toEqual({ queued: 5 });
    expect(await pauseIfRefusedRun(resumed, "message", "554 x")).toBe(false);
  });
});
