// Integration, PostgreSQL, real worker processes (`npm run worker`): when a digest's slot
// comes, two workers (and this process, sweeping at the same moment) make one digest, which
// waits as a draft: nothing is sent until an editor approves it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { killProcess, startWorkerProcess } from "@/test/worker-process";
import { SmtpRecorder, waitUntil } from "@/test/smtp-recorder";
import { article, subscriber } from "@/test/newsletter";

const TZ = "America/New_York";
const smtp = new SmtpRecorder();
let smtpUrl = "";
beforeAll(async () => {
  smtpUrl = `smtp://127.0.0.1:${await smtp.start()}`;
  process.env.EMAIL_SERVER = smtpUrl;
  process.env.SITE_TIME_ZONE = TZ;
});
const database = useTestDatabase();
afterAll(() => smtp.stop());

const startWorker = () =>
  startWorkerProcess({ DATABASE_URL: database.url(), EMAIL_SERVER: smtpUrl, SITE_TIME_ZONE: TZ, LEDE_NEWSLETTER_LEASE_SECONDS: "6" });
const kill = killProcess;

describe.skipIf(!usingPostgres)("the digest across two workers", () => {
  it("its slot makes one digest, a draft waiting for an editor", async () => {
    const { db } = await import("@/lib/db/client");
    const { newsletterIssues, newsletters } = await import("@/lib/db/schema");
    const { createNewsletter, saveDigestSettings } = await import("../newsletters");
    const { makeDueDigests } = await import("./digest");
    const { wallAt } = await import("../schedule/zoned");
    const id = await createNewsletter({ name: "Evening", description: "", senderName: "", offeredByDefault: false });
    await subscriber("evening@digest.example", "active", id);
    const piece = await article("evening-piece", false);
    // Published an hour ago, read and joined from today.
    await db.execute(sql`UPDATE article SET published_at = now() - interval '1 hour' WHERE id = ${piece}`);
    await db.execute(sql`INSERT INTO article_traffic (day, article_id, source, anonymous_views, joins)
                         VALUES (${new Date().toISOString().slice(0, 10)}, ${piece}, 'social', 20, 3)`);
    // The schedule: today (in the site's zone) at the minute now, so its slot has just come;
    // turned on a moment before it.
    const w = wallAt(Date.now(), TZ);
    const day = new Date(Date.UTC(w.year, w.month - 1, w.day)).getUTCDay();
    const p = (n: number) => String(n).padStart(2, "0");
    await saveDigestSettings(id, { digestOn: true, digestDays: [day], digestTime: `${p(w.hour)}:${p(w.minute)}`, digestAutoSend: false, digestSize: 5, digestPinnedIds: [] });
    const slotStart = Date.now() - w.second * 1000 - 1000;
    await db.update(newsletters).set({ digestDoneUntil: new Date(slotStart - 1000) }).where(eq(newsletters.id, id));

    const workers = [startWorker(), startWorker()];
    try {
      const mine = () => db.select().from(newsletterIssues).where(eq(newsletterIssues.newsletterId, id));
      await Promise.all([makeDueDigests(), waitUntil(async () => (await mine()).length > 0, 180_000, "a digest")]);
      // Several sweeps of both workers later: still one, and still a draft.
      await new Promise((r) => setTimeout(r, 8_000));
      const made = await mine();
      expect(made).toHaveLength(1);
      expect(made[0]).toMatchObject({ kind: "digest", status: "draft", articleIds: [piece] });
      expect(smtp.accepted).toHaveLength(0);
    } finally {
      await Promise.all(workers.map(kill));
    }
  }, 300_000);
});
