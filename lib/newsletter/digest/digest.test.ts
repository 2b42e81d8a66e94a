// Integration: the digest. What it holds (pinned first, then most read, then most joined
// from, by the insight counts of the period), nothing made for a period with nothing new,
// none for a slot from before it was turned on, one per slot however often it is asked, and
// one set to send on its own goes out through the schedule.
import { beforeEach, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletterIssues, newsletters } from "@/lib/db/schema";
import { dayKey } from "@/lib/insight/days";
import { useTestDatabase } from "@/test/db";
import { article, sendToCompletion, subscriber, useSmtpRecorder } from "@/test/newsletter";
import { createNewsletter, saveDigestSettings } from "../newsletters";
import { startDueSchedules } from "../schedule/scheduled";
import { digestContents, digestIfRunNow, makeDueDigests } from "./digest";

const smtp = useSmtpRecorder();
useTestDatabase();

async function traffic(articleId: number, day: Date, reads: number, joins = 0, source = "search") {
  await db.execute(sql`INSERT INTO article_traffic (day, article_id, source, anonymous_views, joins)
                       VALUES (${dayKey(day)}, ${articleId}, ${source}, ${reads}, ${joins})`);
}

const DAY = 86_400_000;
// Every day at 07:00 UTC (SITE_TIME_ZONE defaults to UTC in tests).
const EVERY_DAY = [0, 1, 2, 3, 4, 5, 6];

async function digests(newsletterId: number) {
  return db.select().from(newsletterIssues).where(eq(newsletterIssues.newsletterId, newsletterId)).orderBy(newsletterIssues.id);
}

describe("the digest", () => {
  // Each test starts from a quiet site: nothing read, nothing recent.
  beforeEach(async () => {
    await db.execute(sql`DELETE FROM article_traffic`);
    await db.execute(sql`UPDATE article SET published_at = now() - interval '90 days'`);
  });

  it("holds the pinned articles, then the period's most read, then its most joined from; bots and drafts count for nothing", async () => {
    const id = await createNewsletter({ name: "Weekly", description: "", senderName: "", offeredByDefault: false });
    const old = new Date(Date.now() - 60 * DAY);
    const mk = async (slug: string) => {
      const a = await article(slug, false);
      await db.execute(sql`UPDATE article SET published_at = ${old.toISOString()}::timestamptz WHERE id = ${a}`);
      return a;
    };
    const [popular, second, joiner, pinned, botFed, draft, quiet] = [
      await mk("d-popular"),
      await mk("d-second"),
      await mk("d-joiner"),
      await mk("d-pinned"),
      await mk("d-bot-fed"),
      await mk("d-draft"),
      await mk("d-quiet"),
    ];
    await db.execute(sql`UPDATE article SET status = 'draft' WHERE id = ${draft}`);
    const end = new Date();
    const start = new Date(end.getTime() - 7 * DAY);
    await traffic(popular, end, 50, 1);
    await traffic(popular, new Date(end.getTime() - 2 * DAY), 30);
    await traffic(second, end, 40);
    await traffic(joiner, end, 3, 9);
    await traffic(botFed, end, 5_000, 0, "bot");
    await traffic(draft, end, 900, 9);
    // Read before the period: not this period's.
    await traffic(quiet, new Date(end.getTime() - 20 * DAY), 999, 99);
    const n = { id, name: "Weekly", digestDays: EVERY_DAY, digestTime: "07:00", digestSize: 2, digestPinnedIds: [pinned] };
    const c = await digestContents(n, start, end);
    expect(c.articles.map((a) => [a.id, a.why])).toEqual([
      [pinned, "pinned"],
      [popular, "read"],
      [second, "read"],
      [joiner, "joined"],
    ]);
    expect(c.articles[1]).toMatchObject({ reads: 80, joins: 1 });

    // A period with nothing read, joined from or published: nothing, pinned or not.
    const empty = await digestContents(n, new Date(end.getTime() - 40 * DAY), new Date(end.getTime() - 30 * DAY));
    expect(empty.articles).toEqual([]);
  });

  it("is made once per slot after it was turned on, waits as a draft, and makes nothing for a period with nothing new", async () => {
    const id = await createNewsletter({ name: "Daily", description: "", senderName: "", offeredByDefault: false });
    const piece = await article("digest-daily", false);
    const settings = { digestOn: true, digestDays: EVERY_DAY, digestTime: "07:00", digestAutoSend: false, digestSize: 5, digestPinnedIds: [] };
    expect(await saveDigestSettings(id, settings)).toBe(true);
    // Turned on now: today's (or yesterday's) 07:00 is already past and makes nothing.
    expect(await makeDueDigests()).toBe(0);
    expect(await digests(id)).toHaveLength(0);
    // Saving again keeps the moment it was turned on.
    const [before] = await db.select().from(newsletters).where(eq(newsletters.id, id));
    await saveDigestSettings(id, { ...settings, digestSize: 4 });
    const [after] = await db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(after.digestDoneUntil).toEqual(before.digestDoneUntil);

    // The next 07:00 comes: one digest, however many sweeps ask at once.
    const now = new Date(Date.now() + DAY);
    await traffic(piece, now, 12, 2);
    const made = await Promise.all([makeDueDigests(now), makeDueDigests(now), makeDueDigests(now)]);
    expect(made.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await makeDueDigests(now)).toBe(0);
    const [digest] = await digests(id);
    expect(digest).toMatchObject({ kind: "digest", status: "draft", articleIds: [piece], subject: expect.stringMatching(/^Daily: the best of /) });
    expect(digest.digestPeriodEnd!.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(digest.digestPeriodEnd!.getTime() - digest.digestPeriodStart!.getTime()).toBe(DAY);

    // The day after: nothing read or published in the period, so nothing made.
    await db.execute(sql`DELETE FROM article_traffic`);
    await db.execute(sql`UPDATE article SET published_at = now() - interval '30 days'`);
    expect(await makeDueDigests(new Date(now.getTime() + DAY))).toBe(0);
    expect(await digests(id)).toHaveLength(1);
    const [n] = await db.select().from(newsletters).where(eq(newsletters.id, id));
    expect(n.digestDoneUntil!.getTime()).toBeGreaterThan(digest.digestPeriodEnd!.getTime());
    expect((await digestIfRunNow(n, new Date(now.getTime() + DAY + 1000))).articles).toEqual([]);

    // Turned off: nothing, whatever happened.
    await saveDigestSettings(id, { ...settings, digestOn: false });
    await traffic(piece, new Date(now.getTime() + 2 * DAY), 5);
    expect(await makeDueDigests(new Date(now.getTime() + 2 * DAY))).toBe(0);

    // An editor approves the draft by sending it: it goes to the newsletter's subscribers.
    await subscriber("digest-reader@digest.example", "active", id);
    await sendToCompletion(digest.id);
    const copy = smtp.accepted.find((m) => m.to === "digest-reader@digest.example");
    expect(copy?.mail.subject).toBe(digest.subject);
    expect(copy?.mail.text).toContain("Headline of digest-daily");
  });

  it("set to send on its own, goes out at its slot through the schedule, to confirmed subscribers only", async () => {
    const id = await createNewsletter({ name: "Auto", description: "", senderName: "", offeredByDefault: false });
    const piece = await article("digest-auto", false);
    await subscriber("auto-reader@digest.example", "active", id);
    await subscriber("auto-waiting@digest.example", "pending", id);
    await saveDigestSettings(id, { digestOn: true, digestDays: EVERY_DAY, digestTime: "07:00", digestAutoSend: true, digestSize: 5, digestPinnedIds: [] });
    const now = new Date(Date.now() + DAY);
    await traffic(piece, now, 3);
    expect(await makeDueDigests(now)).toBe(1);
    const [digest] = await digests(id);
    expect(digest.status).toBe("scheduled");
    expect(await startDueSchedules(now)).toBe(1);
    const { runFanout } = await import("../send/fan-out");
    await runFanout(digest.id);
    await sendToCompletion(digest.id, { started: true });
    expect(smtp.accepted.filter((m) => m.mail.subject === digest.subject).map((m) => m.to)).toEqual(["auto-reader@digest.example"]);
  });
});
