// Integration: the hourly cleanup removes exactly what has run its course (old rows of
// every kind, accounts nobody confirmed) and nothing else, in bounded batches; and every
// process that runs workers registers its schedule.
import { beforeAll, describe, expect, it } from "vitest";
import { eq, inArray, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { cacheDrops, cachePeers, joins, rateLimits, sessions, signIns, signInTokens, subscriptions, users, webauthnChallenges } from "@/lib/db/schema";
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
  await db.insert(subscriptions).values({ userId: ids[ACCOUNTS.gone], newsletterId: 1, status: "pending" });
  await db.insert(sessions).values([
    { sessionToken: "live-session", userId: ids[ACCOUNTS.withSession], expires: at(10 * DAY) },
    { sessionToken: "expired-session", userId: ids[ACCOUNTS.signedIn], expires: at(-HOUR) },
  ]);
  await db.insert(signIns).values({ userId: ids[ACCOUNTS.withSignIn], method: "code", at: old });

  /** A sign-in mail's row: its link expires at `expires`, its code 15 minutes after it was sent. */
  const mail = (email: string, tokenHash: string, expires: Date, usedAt: Date | null = null) => ({
    email,
    sentTo: email,
    tokenHash,
    codeHash: `code-of-${tokenHash}`,
    expires,
    codeExpires: new Date(expires.getTime() - DAY + 15 * 60_000),
    usedAt,
  });
  await db.insert(signInTokens).values([
    mail(ACCOUNTS.liveLink, "live-link", at(10 * HOUR)),
    // Kept a week past expiry while the address never confirmed: when it last asked.
    mail(ACCOUNTS.fresh, "fresh-expired-link", at(-DAY)),
    mail(ACCOUNTS.askedByLink, "bylink-expired-link", at(-2 * DAY)),
    // Gone: past the days a second click is answered, and the address has no account, or a confirmed one…
    mail("someone@example.com", "no-account-link", at(-4 * DAY)),
    mail(ACCOUNTS.signedIn, "signed-in-link", at(-4 * DAY)),
    mail(ACCOUNTS.signedIn, "used-4-days-ago", at(-3.5 * DAY), at(-4 * DAY)),
    // …or its week is over (and the account goes with it).
    mail(ACCOUNTS.goneJustPast, "past-link", at(-7 * DAY - HOUR)),
    // Kept: used yesterday, so a second click still says "already used".
    mail(ACCOUNTS.signedIn, "used-yesterday", at(-HOUR), at(-DAY)),
  ]);
  // Render-cache bookkeeping: a drop two days old and a lease gone two hours go; fresh ones stay.
  await db.insert(cacheDrops).values([
    { tags: ["old"], at: at(-2 * DAY) },
    { tags: ["fresh"], at: at(-HOUR) },
  ]);
  await db.insert(cachePeers).values([
    { id: "gone-peer", seen: 1, leaseUntil: at(-2 * HOUR), host: "h", pid: 1 },
    { id: "live-peer", seen: 2, leaseUntil: at(60_000), host: "h", pid: 2 },
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
  // Passkey challenges: one never answered and expired goes, one still open stays.
  await db.insert(webauthnChallenges).values([
    { challengeHash: "expired-challenge", purpose: "authenticate", expires: at(-60_000) },
    { challengeHash: "open-challenge", purpose: "authenticate", expires: at(60_000) },
  ]);
});

describe("the hourly cleanup", () => {
  it("removes exactly the rows and accounts that have run their course", async () => {
    const result = await runCleanup(new Date(NOW));
    expect(result).toEqual({
      signInTokens: 4,
      sessions: 1,
      rateLimits: CLEANUP_BATCH * 2 + 500,
      passkeyChallenges: 1,
      unconfirmedAccounts: 2,
      cacheRows: 2,
      foldedHosts: 0,
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

    expect((await db.select().from(signInTokens)).map((t) => t.tokenHash).sort()).toEqual([
      "bylink-expired-link",
      "fresh-expired-link",
      "live-link",
      "used-yesterday",
    ]);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(["live-session"]);
    expect((await db.select().from(cacheDrops)).map((d) => d.tags)).toEqual([["fresh"]]);
    expect((await db.select().from(cachePeers)).map((p) => p.id)).toEqual(["live-peer"]);
    expect((await db.select().from(rateLimits)).map((r) => r.key).sort()).toEqual(["forever", "running"]);
    expect((await db.select().from(webauthnChallenges)).map((c) => c.challengeHash)).toEqual(["open-challenge"]);
  });

  it("finds nothing more the second time", async () => {
    expect(await runCleanup(new Date(NOW))).toEqual({
      signInTokens: 0,
      sessions: 0,
      rateLimits: 0,
      passkeyChallenges: 0,
      unconfirmedAccounts: 0,
      cacheRows: 0,
      foldedHosts: 0,
    });
  });

  it("is scheduled in every process that runs workers, and the scheduled job runs it", async () => {
    const { getBoss, QUEUES } = await import("./boss");
    const boss = await getBoss();
    // Days later: the live link expired long enough ago, a rate limit has run out.
    await db.update(signInTokens).set({ expires: at(-4 * DAY) }).where(eq(signInTokens.tokenHash, "used-yesterday"));
    await db.update(signInTokens).set({ expires: at(-HOUR) }).where(eq(signInTokens.tokenHash, "live-link"));
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
    const left = (await db.select().from(signInTokens)).map((t) => t.tokenHash);
    expect(left).not.toContain("used-yesterday");
    expect((await db.select().from(rateLimits)).map((r) => r.key)).toEqual(["forever"]);
    // The link that just expired is the record of when that address last asked: both stay.
    expect(left).toContain("live-link");
    expect(await db.select({ id: users.id }).from(users).where(inArray(users.email, [ACCOUNTS.liveLink]))).toHaveLength(1);
  });
});
