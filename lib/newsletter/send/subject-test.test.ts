// Two subjects: each sample gets its subject, the rest is held, and after the wait the rest
// gets the subject with more site visits per delivered copy (or the first, with no clear winner).
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { useTestDatabase } from "@/test/db";
import { article, deliveryCounts, issue, manySubscribers, useSmtpRecorder } from "@/test/newsletter";
import { waitUntil } from "@/test/smtp-recorder";
import { pickWinner } from "./subject-test";

const smtp = useSmtpRecorder();
useTestDatabase();

describe("pickWinner", () => {
  it("picks the better rate, and the first subject when it is unclear", () => {
    expect(pickWinner({ delivered: 100, visits: 30 }, { delivered: 100, visits: 10 })).toMatchObject({ winner: "a" });
    expect(pickWinner({ delivered: 100, visits: 10 }, { delivered: 90, visits: 30 })).toMatchObject({ winner: "b", reason: expect.stringMatching(/^The second subject won: 30 visits from 90 delivered/) });
    expect(pickWinner({ delivered: 100, visits: 20 }, { delivered: 100, visits: 21 })).toMatchObject({ winner: "a", reason: expect.stringMatching(/^No clear winner: .*within 10%/) });
    expect(pickWinner({ delivered: 100, visits: 0 }, { delivered: 100, visits: 0 })).toMatchObject({ winner: "a", reason: expect.stringMatching(/neither sample's links were visited/) });
    expect(pickWinner({ delivered: 5, visits: 5 }, { delivered: 5, visits: 0 })).toMatchObject({ winner: "a", reason: expect.stringMatching(/too few copies/) });
  });
});

describe("a two-subject issue", () => {
  it("sends each sample its subject, holds the rest, and sends the rest the winner from visits", async () => {
    const { startSending } = await import("./start");
    const { runFanout } = await import("./fan-out");
    const { runSendJob } = await import("./send-batch");
    const { decideSubjectTests } = await import("./subject-test");
    const M = 400;
    await manySubscribers(M, "ab.example");
    const id = await issue("Subject A", [await article("ab-piece", false)], "Hi.", { subjectB: "Subject B", samplePercent: 10, testWaitMinutes: 60 });
    expect(await startSending(id)).toMatchObject({ ok: true });
    await runFanout(id);
    const counts = await deliveryCounts(id);
    expect(counts.held).toBeGreaterThan(M * 0.6);
    await waitUntil(async () => {
      await runSendJob(id);
      return !(await deliveryCounts(id)).queued;
    }, 30_000, "the samples to go");
    const bySubject = (s: string) => smtp.accepted.filter((m) => m.mail.subject === s);
    const [a, b] = [bySubject("Subject A").length, bySubject("Subject B").length];
    expect(a + b).toBe(M - (await deliveryCounts(id)).held);
    expect(a).toBeGreaterThan(M * 0.04);
    expect(b).toBeGreaterThan(M * 0.04);
    // Each copy's links name its subject, so visits can be told apart.
    expect(bySubject("Subject B")[0].mail.text).toContain(`issue=${id}&v=b`);
    expect(bySubject("Subject A")[0].mail.text).toContain(`issue=${id}&v=a`);

    // Not before the wait is over.
    expect(await decideSubjectTests()).toBe(0);
    // Visits, as insight counts them from the links: B's copies brought more.
    await db.execute(sql`INSERT INTO newsletter_issue_visit (issue_id, variant, visits) VALUES (${id}, 'a', 2), (${id}, 'b', 25)`);
    await db.execute(sql`UPDATE newsletter_issue SET send_started_at = now() - interval '61 minutes' WHERE id = ${id}`);
    expect(await Promise.all([decideSubjectTests(), decideSubjectTests()])).toSatisfy((r: number[]) => r[0] + r[1] === 1);
    await waitUntil(async () => {
      await runSendJob(id);
      const c = await deliveryCounts(id);
      return !c.queued && !c.held;
    }, 30_000, "the rest to go");
    expect(smtp.accepted).toHaveLength(M);
    expect(new Set(smtp.accepted.map((m) => m.to)).size).toBe(M);
    expect(bySubject("Subject B").length).toBe(M - a);
    // rowsOf: PGlite answers { rows }, postgres.js the rows themselves.
    const [row] = rowsOf<{ test_winner: string; test_reason: string }>(await db.execute(sql`SELECT test_winner, test_reason FROM newsletter_issue WHERE id = ${id}`));
    expect(row.test_winner).toBe("b");
    expect(row.test_reason).toMatch(/^The second subject won: 25 visits/);
  });
});
