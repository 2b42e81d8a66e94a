// Integration: what "Schedule" refuses — a time in the past, one the clocks skip, an issue
// not a draft — and that a due schedule starts once however many sweeps race for it.
import { beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { article, issue, subscriber, useSmtpRecorder } from "@/test/newsletter";

useSmtpRecorder();
beforeAll(() => void (process.env.SITE_TIME_ZONE = "Europe/London"));
useTestDatabase();

describe("scheduling an issue", () => {
  it("refuses the past, a time the clocks skip, nonsense, and more than a year ahead", async () => {
    const { scheduleIssue } = await import("./scheduled");
    const id = await issue("To schedule", [await article("to-schedule", false)]);
    const now = new Date("2026-03-20T12:00:00Z");
    expect(await scheduleIssue(id, "2026-03-20T11:00", now)).toEqual({ ok: false, message: "Fri, 20 Mar 2026, 11:00 (Europe/London) has already passed: choose a later time." });
    expect(await scheduleIssue(id, "2026-03-29T01:30", now)).toEqual({
      ok: false,
      message: "2026-03-29 01:30 does not exist in Europe/London: the clocks go forward then. Choose a time outside that hour.",
    });
    for (const bad of ["", "tomorrow", "2026-02-30T07:00", "2026-03-21T25:00", "2026-03-21", "2026-03-21T07:00:00Z'--"]) {
      expect((await scheduleIssue(id, bad, now)).ok, bad).toBe(false);
    }
    expect((await scheduleIssue(id, "2027-06-01T07:00", now)).message).toBe("Schedule it at most a year ahead.");
    // Summer time: 07:00 in London is 06:00 UTC.
    expect(await scheduleIssue(id, "2026-07-01T07:00", now)).toEqual({ ok: true, message: "Scheduled for Wed, 1 Jul 2026, 07:00 (Europe/London)." });
    const { db } = await import("@/lib/db/client");
    const { newsletterIssues } = await import("@/lib/db/schema");
    const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
    expect(row).toMatchObject({ status: "scheduled", scheduledAt: new Date("2026-07-01T06:00:00Z") });
  });

  it("starts a due schedule once, however many sweeps race for it", async () => {
    const { scheduleIssue, startDueSchedules } = await import("./scheduled");
    // The first test's issue (1 July 2026, before this machine's today) goes first.
    await startDueSchedules();
    await subscriber("scheduled-reader@example.com");
    const id = await issue("Due now", [await article("due-now", false)]);
    const at = new Date(Date.now() + 120_000);
    const { wallInputValue } = await import("./zoned");
    expect(await scheduleIssue(id, wallInputValue(at, "Europe/London"))).toMatchObject({ ok: true });
    expect(await startDueSchedules()).toBe(0);
    const later = new Date(Date.now() + 10 * 60_000);
    const started = await Promise.all([startDueSchedules(later), startDueSchedules(later), startDueSchedules(later)]);
    expect(started.reduce((a, b) => a + b, 0)).toBe(1);
    const { db } = await import("@/lib/db/client");
    const { newsletterIssues } = await import("@/lib/db/schema");
    const [row] = await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, id));
    expect(row.status).toBe("sending");
  });
});
