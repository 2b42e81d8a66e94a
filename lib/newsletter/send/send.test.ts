// Integration: an issue goes out through a real SMTP server, once per confirmed subscriber.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { article, deliveryCounts, deliveryOf, issue, sendToCompletion, subscriber, subscriptionOf, useSmtpRecorder } from "@/test/newsletter";

const smtp = useSmtpRecorder();
useTestDatabase();

describe("sending an issue", () => {
  it("reaches each confirmed subscriber exactly once, and no pending or unsubscribed address", async () => {
    const a = await subscriber("a@one.example");
    const b = await subscriber("b@one.example");
    await subscriber("pending@one.example", "pending");
    await subscriber("gone@one.example", "unsubscribed");
    await subscriber("never@one.example", "none");
    const free = await article("free-story", false);
    const paid = await article("paid-story", true, "CANARY-PREMIUM-REST-91d2");
    const id = await issue("First issue", [paid, free]);

    await sendToCompletion(id);

    expect(smtp.count("a@one.example")).toBe(1);
    expect(smtp.count("b@one.example")).toBe(1);
    expect(smtp.accepted.map((m) => m.to).sort()).toEqual(["a@one.example", "b@one.example"]);
    expect(await deliveryCounts(id)).toEqual({ sent: 2 });
    expect((await deliveryOf(id, a)).status).toBe("sent");
    expect((await deliveryOf(id, b)).sentAt).not.toBeNull();

    const mail = smtp.accepted[0].mail;
    expect(mail.subject).toBe("First issue");
    expect(mail.from?.value[0].address).toBe("news@example.com");
    expect(mail.text).toContain("Headline of paid-story");
    expect(mail.text).toContain("[Premium: free to read with your account]");
    expect(String(mail.html)).toContain("/articles/free-story");
    for (const part of [mail.text ?? "", String(mail.html)]) expect(part).not.toContain("CANARY-PREMIUM-REST");
    const header = (name: string) => mail.headerLines.find((h) => h.key === name)?.line ?? "";
    expect(header("list-unsubscribe")).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3999\/unsubscribe\?token=[^>]+>$/);
    expect(header("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
  });

  it("suppresses an address the server refuses for good (5xx) and retries one it refuses for now (4xx)", async () => {
    const bounced = await subscriber("bounce@two.example");
    const flaky = await subscriber("flaky@two.example");
    await subscriber("fine@two.example");
    smtp.script = ({ command, to, attempt }) => {
      if (command !== "RCPT TO") return null;
      if (to === "bounce@two.example") return { code: 550, message: "5.1.1 No such mailbox" };
      if (to === "flaky@two.example" && attempt === 1) return { code: 451, message: "4.7.1 Try again later" };
      return null;
    };
    const id = await issue("Second issue", [await article("second", false)]);
    try {
      await sendToCompletion(id);
    } finally {
      smtp.script = () => null;
    }

    expect(smtp.count("bounce@two.example")).toBe(0);
    expect((await subscriptionOf(bounced)).status).toBe("suppressed");
    expect((await subscriptionOf(bounced)).suppressedReason).toContain("550");
    const bounce = await deliveryOf(id, bounced);
    expect(bounce.status).toBe("failed");

    expect(smtp.count("flaky@two.example")).toBe(1);
    const retried = await deliveryOf(id, flaky);
    expect(retried).toMatchObject({ status: "sent", attempts: 2 });
    expect(retried.lastError).toBeNull();
    expect((await subscriptionOf(flaky)).status).toBe("active");
    expect(smtp.count("fine@two.example")).toBe(1);

    // A suppressed address gets nothing from the next issue.
    const next = await issue("Third issue", [await article("third", false)]);
    await sendToCompletion(next);
    expect(smtp.count("bounce@two.example")).toBe(0);
    expect(smtp.count("flaky@two.example")).toBe(2);
  });

  it("retries with backoff while the SMTP server refuses connections, and finishes when it is back", async () => {
    const { startSending } = await import("./start");
    const { runFanout } = await import("./fan-out");
    const { runSendJob } = await import("./send-batch");
    const user = await subscriber("patient@three.example");
    const id = await issue("Outage issue", [await article("outage", false)]);
    const { closeMailSender } = await import("@/lib/mail/sender");
    closeMailSender(); // no pooled connection left open from earlier tests
    await smtp.stop();
    expect(await startSending(id)).toMatchObject({ ok: true });
    await runFanout(id);
    await runSendJob(id);
    const waiting = await deliveryOf(id, user);
    expect(waiting).toMatchObject({ status: "queued", attempts: 1 });
    expect(waiting.lastError).toMatch(/ECONNREFUSED/);
    expect(waiting.notBefore!.getTime()).toBeGreaterThan(Date.now() - 1000);
    await smtp.start();
    await sendToCompletion(id, { started: true });
    expect(smtp.count("patient@three.example")).toBe(1);
    expect((await deliveryOf(id, user)).status).toBe("sent");
  });

  it("skips an address unsubscribed after the issue started, and mails it nothing later", async () => {
    const { startSending } = await import("./start");
    const { runFanout } = await import("./fan-out");
    const { unsubscribe } = await import("../subscriptions");
    const leaver = await subscriber("leaver@four.example");
    const id = await issue("Mid-send unsubscribe", [await article("mid-send", false)]);
    expect(await startSending(id)).toMatchObject({ ok: true });
    await runFanout(id);
    expect((await deliveryOf(id, leaver)).status).toBe("queued");
    await unsubscribe(leaver, 1);
    await sendToCompletion(id, { started: true });
    expect((await deliveryOf(id, leaver)).status).toBe("skipped");
    const later = await issue("After leaving", [await article("after-leaving", false)]);
    await sendToCompletion(later);
    expect(await deliveryOf(later, leaver)).toBeUndefined();
    expect(smtp.count("leaver@four.example")).toBe(0);
  });

  it("refuses to send an issue twice", async () => {
    const { startSending } = await import("./start");
    const id = await issue("Fourth issue", [await article("fourth", false)]);
    await sendToCompletion(id);
    expect(await startSending(id)).toEqual({ ok: false, message: "This issue has already been sent." });
  });
});

describe("the fan-out", () => {
  it("queues a send job for every step that made rows to send, so sending never waits for the sweep", async () => {
    const { startSending } = await import("./start");
    const { runFanout, FANOUT_BATCH } = await import("./fan-out");
    const { manySubscribers } = await import("@/test/newsletter");
    const { db } = await import("@/lib/db/client");
    const { sql } = await import("drizzle-orm");
    const { rowsOf } = await import("@/lib/db/rows");
    await manySubscribers(FANOUT_BATCH * 2 + 7, "fanout.example");
    const id = await issue("Fan-out jobs", [await article("fanout-jobs", false)]);
    expect(await startSending(id)).toMatchObject({ ok: true });
    await runFanout(id);
    // One job per step's rows, named by the step: three steps, three jobs (not one left to the sweep).
    const jobs = rowsOf<{ key: string }>(
      await db.execute(sql`SELECT singleton_key AS key FROM pgboss.job WHERE name = 'newsletter-send' AND data->>'issueId' = ${String(id)}`),
    );
    expect(jobs.map((j) => j.key).filter((k) => !k.endsWith(":sweep"))).toHaveLength(3);
  });
});
