// Integration: the site-wide ceiling on sign-in mails to addresses that are not members
// yet. Past it new joins wait, with a plain message; members still sign in.
import { beforeAll, describe, expect, it, vi } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { rowsOf } from "@/lib/db/rows";
import { SIGN_IN_LIMITS } from "./rate-limits";

vi.hoisted(() => {
  process.env.LEDE_NEW_ADDRESS_HOURLY_CAP = "5";
});

useTestDatabase();

let requestSignIn: typeof import("./request-sign-in").requestSignIn;
beforeAll(async () => {
  ({ requestSignIn } = await import("./request-sign-in"));
});

let n = 0;
const freshIp = () => `10.${++n}.0.1`;
const ask = (email: string, ip = freshIp()) =>
  requestSignIn({ email, newsletter: false, articleSlug: null, callbackUrl: "/", honeypot: "", ip, joining: true });

describe("the site-wide ceiling on mail to new addresses", () => {
  it("lets members in before and after it is reached, and turns new addresses away with a plain message", async () => {
    await db.insert(users).values([
      { email: "member@example.com", emailVerified: new Date() },
      { email: "imported@example.com", importedAt: new Date() },
    ]);
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await ask(`stranger-${i}@example.com`));
    expect(results.filter((r) => r.ok)).toHaveLength(5);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect(!refused!.ok && refused!.message).toMatch(/So many people are joining right now.*Please try again in \d+ minutes\. Members can sign in as usual\./);
    expect(!refused!.ok && refused!.retryAfterSeconds).toBeGreaterThan(0);
    // Nobody was made an account past the ceiling.
    const [{ count }] = rowsOf<{ count: number }>(await db.execute(sql`select count(*)::int as count from "user" where email like 'stranger-%'`));
    expect(count).toBe(5);
    for (const member of ["member@example.com", "Member@Example.com", "imported@example.com"]) expect((await ask(member)).ok).toBe(true);
    // An address that only asked before (never confirmed) is still new.
    const asked = results.findIndex((r) => r.ok);
    expect((await ask(`stranger-${asked}@example.com`)).ok).toBe(false);
    // Once it confirms, it is a member.
    await db.update(users).set({ emailVerified: new Date() }).where(eq(users.email, `stranger-${asked}@example.com`));
    expect((await ask(`stranger-${asked}@example.com`)).ok).toBe(true);
  });

  it("is not spent by requests a network's own budget refused", async () => {
    await db.execute(sql`delete from rate_limit`);
    // One client over its own budget keeps asking for new addresses.
    const ip = "203.0.113.50";
    for (let i = 0; i < 40; i++) await ask(`flood-${i}@example.com`, ip);
    const [{ spent }] = rowsOf<{ spent: number }>(
      await db.execute(sql`select coalesce(sum(points), 0)::int as spent from rate_limit where key like 'signin:new:%'`),
    );
    // The 30 its budget let through were counted against the ceiling; the 10 it refused were not.
    expect(spent).toBe(SIGN_IN_LIMITS.perIpHour.limit);
  });
});
