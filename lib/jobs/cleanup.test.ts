// Integration: the hourly cleanup removes exactly what has run its course (old rows of
// every kind, accounts nobody confirmed) and nothing else, in bounded batches; and every
// process that runs workers registers its schedule.
import { beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import {
  joins,
  rateLimits,
  sessions,
  signIns,
  signinCodes,
  subscriptions,
  usedTokens,
  users,
  verificationTokens,
} from "@/lib/db/schema";
import { CLEANUP_BATCH, CLEANUP_CRON, runCleanup } from "./cleanup";

useTestDatabase();

const NOW = Date.now();
const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
const at = (ms: number) => new Date(NOW + ms);

/** Accounts by what should become of them: [address, row, then extra rows]. */
const ACCOUNTS = {
  // Asked to join 9 days ago from an article (with newsletter consent), never confirmed.
  gone: "gone@example.com",
  // Just past the line: created 8 days and an hour ago, nothing since.
  goneJustPast: "past@example.com",
  // Asked 2 days ago: their link expired a day ago.
  fresh: "fresh@example.com",
  // Not quite: 7.5 days ago, so their link expired 6.5 days ago.
  notQuite: "notquite@example.com",
  // An old account that asked to join again 3 days ago.
  askedAgain: "again@example.com",
  // An old account with a link still live.
  liveLink: "live@example.com",
  // An old account that asked for a sign-in link (not a join) whose link expired 2 days ago.
  askedByLink: "bylink@example.com",
  // Confirmed in one way or another: never deleted, however old.
  signedIn: "signedin@example.com",
  imported: "imported@example.com",
  editor: "editor@example.com",
  withSession: "session@example.com",
  withSignIn: "signin@example.com",
} as const;

const ids: Record<string, string> = {};

beforeAll(async () => {
  const old = at(-30 * DAY);
  const made = await db
    .insert(users)
    .values([
      { email: ACCOUNTS.gone, createdAt: at(-9 * DAY) },
      { email: ACCOUNTS.goneJustPast, createdAt: at(-8 * DAY - HOUR) },
      { email: ACCOUNTS.fresh, createdAt: at(-2 * DAY) },
      { email: ACCOUNTS.notQuite, createdAt: at(-7.5 * DAY) },
      { email: ACCOUNTS.askedAgain, createdAt: old },
      { email: ACCOUNTS.liveLink, createdAt: old },
      { email: ACCOUNTS.askedByLink, createdAt: old },
      { email: ACCOUNTS.signedIn, createdAt: old, emailVerified: old },
      { email: ACCOUNTS.imported, createdAt: old, importedAt: old },
      { email: ACCOUNTS.editor, createdAt: old, role: "editor" },
      { email: ACCOUNTS.withSession, createdAt: old },
      { email: ACCOUNTS.withSignIn, createdAt: old },
    ])
    .returning({ id: users.id, email: users.email });
  for (const u of made) ids[u.email] = u.id;

  await db.insert(joins).values([
    { userId: ids[ACCOUNTS.gone], createdAt: at(-9 * DAY), newsletterConsent: true },
    { userId: ids[ACCOUNTS.askedAgain], createdAt: old },
    { userId: ids[ACCOUNTS.askedAgain], createdAt: at(-3 * DAY) },
  ]);
  await db.insert(subscriptions).values({ userId: ids[ACCOUNTS.gone], status: "pending" });
  await db.insert(sessions).values([
    { sessionToken: "live-session", userId: ids[ACCOUNTS.withSession], expires: at(10 * DAY) },
    { sessionToken: "expired-session", userId: ids[ACCOUNTS.signedIn], expires: at(-HOUR) },
  ]);
  await db.insert(signIns).values({ userId: ids[ACCOUNTS.withSignIn], method: "code", at: old });

  await db.insert(verificationTokens).values([
    { identifier: ACCOUNTS.liveLink, token: "live-link", expires: at(10 * HOUR) },
    // Kept a week past expiry while the address never confirmed: when it last asked.
    { identifier: ACCOUNTS.fresh, token: "fresh-expired-link", expires: at(-DAY) },
    { identifier: ACCOUNTS.askedByLink, token: "bylink-expired-link", expires: at(-2 * DAY) },
    // Gone: expired, and the address has no account, or a confirmed one…
    { identifier: "someone@example.com", token: "no-account-link", expires: at(-60_000) },
    { identifier: ACCOUNTS.signedIn, token: "signed-in-link", expires: at(-60_000) },
    // …or its week is over (and the account goes with it).
    { identifier: ACCOUNTS.goneJustPast, token: "past-link", expires: at(-7 * DAY - HOUR) },
  ]);
  await db.insert(signinCodes).values([
    { email: ACCOUNTS.liveLink, codeHash: "c1", tokenHash: "live-link", expires: at(10 * 60_000) },
    { email: ACCOUNTS.fresh, codeHash: "c2", tokenHash: "fresh-expired-link", expires: at(-DAY) },
  ]);
  await db.insert(usedTokens).values([
    { tokenHash: "used-4-days-ago", email: ACCOUNTS.signedIn, usedAt: at(-4 * DAY) },
    { tokenHash: "used-yesterday", email: ACCOUNTS.signedIn, usedAt: at(-DAY) },
  ]);
  // A backlog bigger than one batch, so the run has to go batch after batch.
  await db.execute(
    sql`insert into ${rateLimits} (key, points, expire)
        select 'spent-' || g, 1, ${at(-HOUR).toISOString()}::timestamptz from generate_series(1, ${CLEANUP_BATCH * 2 + 500}) g`,
  );
  await db.insert(rateLimits).values([
    { key: "running", points: 2, expire: at(10 * 60_000) },
    { key: "forever", points: 1, expire: null },
  ]);
});

describe("the hourly cleanup", () => {
  it("removes exactly the rows and accounts that have run their course", async () => {
    const result = await runCleanup(new Date(NOW));
    expect(result).toEqual({
      signInTokens: 4, // three links, one code
      usedTokens: 1,
      sessions: 1,
      rateLimits: CLEANUP_BATCH * 2 + 500,
      unconfirmedAccounts: 2,
    });

    const emails = (await db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    expect(emails).toEqual(
      Object.values(ACCOUNTS)
        .filter((e) => e !== ACCOUNTS.gone && e !== ACCOUNTS.goneJustPast)
        .sort(),
    );
    // Their joins and pending consent went with them; nobody else's did.
    expect(await db.select().from(joins).where(eq(joins.userId, ids[ACCOUNTS.gone]))).toEqual([]);
    expect(await db.select().from(subscriptions)).toEqual([]);
    expect((await db.select().from(joins)).map((j) => j.userId)).toEqual([ids[ACCOUNTS.askedAgain], ids[ACCOUNTS.askedAgain]]);

    expect((await db.select().from(verificationTokens)).map((t) => t.token).sort()).toEqual([
      "bylink-expired-link",
      "fresh-expired-link",
      "live-link",
    ]);
    expect((await db.select().from(signinCodes)).map((c) => c.codeHash)).toEqual(["c1"]);
    expect((await db.select().from(usedTokens)).map((t) => t.tokenHash)).toEqual(["used-yesterday"]);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(["live-session"]);
    expect((await db.select().from(rateLimits)).map((r) => r.key).sort()).toEqual(["forever", "running"]);
  });

  it("finds nothing more the second time", async () => {
    expect(await runCleanup(new Date(NOW))).toEqual({
      signInTokens: 0,
      usedTokens: 0,
      sessions: 0,
      rateLimits: 0,
      unconfirmedAccounts: 0,
    });
  });

  it("is scheduled in every process that runs workers, and the scheduled job runs it", async () => {
    const { getBoss, QUEUES } = await import("./boss");
    const boss = await getBoss();
    // An hour later: the live link and its code have expired, a rate limit has run out.
    await db.update(verificationTokens).set({ expires: at(-HOUR) }).where(eq(verificationTokens.token, "live-link"));
    await db.update(signinCodes).set({ expires: at(-HOUR) });
    await db.update(rateLimits).set({ expire: at(-HOUR) }).where(eq(rateLimits.key, "running"));
    // Queued the way the schedule queues it; the worker's first fetch takes it.
    const jobId = await boss.send(QUEUES.cleanup.name, {});
    const { startWorkers } = await import("./worker");
    await startWorkers();

    const schedules = await boss.getSchedules();
    expect(schedules.map((s) => [s.name, s.cron])).toEqual([[QUEUES.cleanup.name, CLEANUP_CRON]]);
    // The cron clock runs here: its queue exists only once a process with schedule on started.
    expect(await boss.getQueue("__pgboss__send-it")).toBeTruthy();

    await expect
      .poll(async () => (await boss.getJobById(QUEUES.cleanup.name, jobId!))?.state, { timeout: 20_000 })
      .toBe("completed");
    expect(await db.select().from(signinCodes)).toEqual([]);
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(["forever"]);
    // The link that just expired is the record of when that address last asked: both stay.
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toContain("live-link");
    expect(await db.select({ id: users.id }).from(users).where(inArray(users.email, [ACCOUNTS.liveLink]))).toHaveLength(1);
  });
});
