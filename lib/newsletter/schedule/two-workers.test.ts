// Integration, PostgreSQL, real worker processes (`npm run worker`): a welcome goes out once
// per confirmed subscriber however many workers sweep at once, and a scheduled issue starts
// once at its time across two workers, finishing with one copy each after one of them is
// killed (SIGKILL) mid-send.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { killProcess, startWorkerProcess } from "@/test/worker-process";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import { article, deliveryCounts, issue, manySubscribers, subscriber } from "@/test/newsletter";

const smtp = new SmtpRecorder();
let smtpUrl = "";
beforeAll(async () => {
  smtpUrl = `smtp://127.0.0.1:${await smtp.start()}`;
  process.env.EMAIL_SERVER = smtpUrl;
  process.env.SITE_TIME_ZONE = "Europe/London";
});
const database = useTestDatabase();
afterAll(() => smtp.stop());

const startWorker = () =>
  startWorkerProcess({
    DATABASE_URL: database.url(),
    EMAIL_SERVER: smtpUrl,
    SITE_TIME_ZONE: "Europe/London",
    LEDE_NEWSLETTER_LEASE_SECONDS: "6",
    LEDE_SMTP_CONNECTIONS: "4",
  });
const kill = killProcess;

describe.skipIf(!usingPostgres)("two workers", () => {
  it("welcome: one per reader confirmed after it was turned on, none for those before, none twice", async () => {
    const { db } = await import("@/lib/db/client");
    const { createNewsletter, saveWelcome } = await import("../newsletters");
    const { sendDueWelcomes } = await import("../welcome/welcome-sweep");
    const { subscribe, unsubscribe } = await import("../subscriptions");
    const id = await createNewsletter({ name: "Morning", description: "", senderName: "Morning desk", offeredByDefault: true });
    const before = await subscriber("before@welcome.example", "active", id);
    await sendDueWelcomes();
    await saveWelcome(id, { welcomeOn: true, welcomeSubject: "Welcome to Morning", welcomeBody: "Hello, **new reader**." });
    const N = 40;
    for (let i = 0; i < N; i++) await subscriber(`reader${i}@welcome.example`, "pending", id);
    const workers = [startWorker(), startWorker()];
    try {
      // The readers confirm, as the sign-in statement does: pending → active.
      await db.execute(sql`UPDATE subscription SET status = 'active', confirmed_at = now() WHERE newsletter_id = ${id} AND status = 'pending'`);
      await db.execute(sql`UPDATE "user" SET "emailVerified" = now() WHERE email LIKE '%@welcome.example'`);
      // This process sweeps too, several times at once, racing the two workers.
      await Promise.all([sendDueWelcomes(), sendDueWelcomes(), sendDueWelcomes()]);
      const welcomes = () => smtp.accepted.filter((m) => m.mail.subject === "Welcome to Morning");
      await waitUntil(async () => welcomes().length >= N, 150_000, `${N} welcomes`);
      // Longer than several sweeps: nothing more comes.
      await new Promise((r) => setTimeout(r, 6_000));
      const to = welcomes().map((m) => m.to);
      expect(to).toHaveLength(N);
      expect(new Set(to).size).toBe(N);
      expect(to).not.toContain("before@welcome.example");
      const one = welcomes()[0];
      const raw = one.raw.toString("utf8");
      expect(one.mail.from?.value[0].name).toBe("Morning desk");
      // nodemailer folds the long header: read it unfolded.
      const headers = raw.split("\r\n\r\n")[0].replace(/\r\n[ \t]+/g, " ");
      expect(headers).toMatch(/^List-Unsubscribe: <http:\/\/localhost:3999\/unsubscribe\?token=[^>]+>/m);
      expect(headers).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click/m);
      expect(one.mail.html).toContain("<strong>new reader</strong>");

      // Leaving and coming back is not a new welcome.
      const again = (await db.execute(sql`SELECT user_id FROM subscription WHERE newsletter_id = ${id} AND user_id <> ${before} LIMIT 1`)) as unknown as { user_id: string }[];
      const userId = (Array.isArray(again) ? again : (again as { rows: { user_id: string }[] }).rows)[0].user_id;
      await unsubscribe(userId, id);
      expect(await subscribe(userId, id)).toBe("active");
      await sendDueWelcomes();
      await new Promise((r) => setTimeout(r, 3_000));
      expect(welcomes()).toHaveLength(N);
    } finally {
      await Promise.all(workers.map(kill));
    }
  }, 300_000);

  it("schedule: starts once at its time across two workers, a cancelled one never, and a worker killed mid-send loses and doubles nothing", async () => {
    const { db } = await import("@/lib/db/client");
    const { newsletterIssues } = await import("@/lib/db/schema");
    const { scheduleIssue, cancelSchedule } = await import("./scheduled");
    const { wallInputValue } = await import("./zoned");
    const M = 900;
    const recipients = await manySubscribers(M, "sched.example");
    const piece = await article("scheduled-piece", false);
    const id = await issue("Scheduled issue", [piece]);
    const cancelled = await issue("Cancelled issue", [piece]);
    // A minute ahead in the site's zone (the form's precision), then moved to a few seconds
    // ahead in the row, so the test need not wait a minute.
    const local = wallInputValue(new Date(Date.now() + 120_000), "Europe/London");
    expect(await scheduleIssue(id, local)).toMatchObject({ ok: true, message: expect.stringContaining("(Europe/London)") });
    expect(await scheduleIssue(cancelled, local)).toMatchObject({ ok: true });
    expect(await scheduleIssue(id, local)).toEqual({ ok: false, message: "Only a draft can be scheduled." });
    const soon = new Date(Date.now() + 4_000);
    await db.update(newsletterIssues).set({ scheduledAt: soon }).where(eq(newsletterIssues.id, id));
    await db.update(newsletterIssues).set({ scheduledAt: soon }).where(eq(newsletterIssues.id, cancelled));
    expect(await cancelSchedule(cancelled)).toBe(true);

    smtp.holdAfter = smtp.accepted.length + 300;
    let a = startWorker();
    const b = startWorker();
    try {
      const status = async (issueId: number) => (await db.select().from(newsletterIssues).where(eq(newsletterIssues.id, issueId)))[0];
      // Generous: two workers compile their TypeScript cold, on a machine that may be busy.
      await waitUntil(async () => (await deliveryCounts(id)).sent >= 300, 300_000, "300 sent");
      expect((await status(id)).sendStartedAt!.getTime()).toBeGreaterThanOrEqual(soon.getTime() - 1000);
      await kill(a);
      smtp.holding = false;
      smtp.holdAfter = Number.POSITIVE_INFINITY;
      a = startWorker();
      await waitUntil(async () => (await status(id)).status === "sent", 240_000, "the issue to be sent");
      const copies = smtp.accepted.filter((m) => m.mail.subject === "Scheduled issue").map((m) => m.to);
      expect(copies).toHaveLength(M);
      expect(new Set(copies)).toEqual(new Set(recipients));
      expect(await deliveryCounts(id)).toEqual({ sent: M });
      expect((await status(id)).recipientCount).toBe(M);
      expect((await status(cancelled)).status).toBe("draft");
      expect(smtp.accepted.filter((m) => m.mail.subject === "Cancelled issue")).toHaveLength(0);
      expect(await cancelSchedule(id)).toBe(false);
    } finally {
      await Promise.all([kill(a), kill(b)]);
    }
  }, 600_000);
});
