// Integration: the send guard pauses an issue whose complaints pass the threshold, says
// which and why, and after Resume pauses again only for complaints beyond those seen.
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { issue as makeIssue, manySubscribers } from "@/test/newsletter";
import { DEFAULT_SEND_GUARD } from "./guard-settings";
import { guardVerdict } from "./guard";

useTestDatabase();

describe("the verdict", () => {
  it("waits for the minimum of copies, then names complaints past 0.3% and bounces past 5%", () => {
    const s = DEFAULT_SEND_GUARD;
    const f = (delivered: number, complaints: number, bounces = 0) => ({ delivered, complaints, bounces, softBounces: 0, unsubscribes: 0 });
    expect(guardVerdict(f(999, 0, 0), s)).toBeNull();
    expect(guardVerdict(f(900, 4), s)).toBeNull(); // fewer than 1,000 copies: not weighed yet
    expect(guardVerdict(f(1000, 3), s)).toBeNull(); // 0.3% is the line, not past it
    expect(guardVerdict(f(1000, 4), s)).toMatchObject({ kind: "complaints", reason: expect.stringContaining("4 spam complaints for 1,000 delivered copies (0.4%) passed the 0.3% threshold") });
    expect(guardVerdict(f(1000, 0, 60), s)).toMatchObject({ kind: "bounces", reason: expect.stringContaining("60 permanent bounces") });
    expect(guardVerdict(f(1000, 4), s, { complaints: 4, bounces: 0 })).toBeNull();
  });
});

describe("an issue going out", () => {
  it("pauses on complaints, resumes, and pauses again only for new ones", async () => {
    const { db } = await import("@/lib/db/client");
    const { rowsOf } = await import("@/lib/db/rows");
    const { recordEvents } = await import("./record");
    const { newsletterMessageId } = await import("./delivery-token");
    const { resumeRefused } = await import("@/lib/newsletter/send/resume-refused");
    const { issueProgress } = await import("@/lib/newsletter/progress");
    const { pauseNotice } = await import("@/lib/newsletter/pause-notice");
    await db.execute(sql`INSERT INTO site_setting (key, value) VALUES ('send-guard', '{"complaintRate":0.003,"bounceRate":0.05,"minDelivered":100}')`);
    await manySubscribers(200, "guard.example");
    const issueId = await makeIssue("Guarded", []);
    await db.execute(sql`UPDATE newsletter_issue SET status = 'sending', fanned_out_at = now(), frozen = '{"subject":"s","html":["x"],"text":["x"]}' WHERE id = ${issueId}`);
    await db.execute(sql`INSERT INTO newsletter_delivery (issue_id, user_id, email, status, sent_at)
      SELECT ${issueId}, id, email, CASE WHEN email < 'reader2' THEN 'sent' ELSE 'queued' END, now() FROM "user" WHERE email LIKE '%@guard.example'`);
    const sent = rowsOf<{ id: string; email: string }>(await db.execute(sql`SELECT id::text, email FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'sent' ORDER BY id`));
    expect(sent.length).toBeGreaterThanOrEqual(100);
    const complaint = (i: number) => ({ provider: "postmark" as const, id: `c-${i}`, kind: "complaint" as const, email: null, deliveryHints: [newsletterMessageId(issueId, sent[i].id)], occurredAt: new Date(), detail: "abuse" });

    await recordEvents([complaint(0)]);
    const p = await issueProgress(issueId);
    expect(p?.status).toBe("paused");
    expect(p?.pause?.kind).toBe("complaints");
    expect(pauseNotice(p!.pause!)).toMatch(/^Sending paused by the send guard: 1 spam complaints for \d+ delivered copies \(.*%\) passed the 0\.3% threshold/);
    const queued = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM newsletter_delivery WHERE issue_id = ${issueId} AND status = 'queued'`))[0].n;
    expect(queued).toBeGreaterThan(0);

    expect(await resumeRefused(issueId)).toMatchObject({ ok: true });
    expect((await issueProgress(issueId))?.status).toBe("sending");
    // The sweep (and the same complaint replayed) do not pause it again...
    const { guardIssue } = await import("./guard");
    expect(await guardIssue(issueId)).toBe(false);
    await recordEvents([complaint(0)]);
    expect((await issueProgress(issueId))?.status).toBe("sending");
    // ...a new complaint does.
    await recordEvents([complaint(1)]);
    expect((await issueProgress(issueId))?.status).toBe("paused");
  });
});
