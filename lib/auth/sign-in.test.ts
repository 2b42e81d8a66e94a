// Integration: issuing, using and refusing sign-in links and codes, on a real database.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { joins, sessions, signinCodes, subscriptions, users, verificationTokens } from "@/lib/db/schema";
import { openMailJob } from "@/lib/mail/outbox";
import { sendVerificationRequest, signInContext } from "./issue-sign-in";
import { inspectLink, redeemCode, redeemLink } from "./redeem";

useTestDatabase();

const DAY = 24 * 60 * 60 * 1000;

/** Issues a sign-in as Auth.js would, and returns the queued mail's link token and code. */
async function issue(email: string, opts: { consent?: boolean; expires?: Date } = {}) {
  const token = `tok-${Math.random().toString(36).slice(2)}-${Date.now()}`;
  await signInContext.run(
    { articleId: null, articleTitle: null, newsletterConsent: opts.consent ?? false, callbackUrl: "/x", joining: true },
    () => sendVerificationRequest({ identifier: email, token, expires: opts.expires ?? new Date(Date.now() + DAY) }),
  );
  const rows = await db.execute(sql`select data from pgboss.job where name = 'mail' order by created_on desc limit 1`);
  const data = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows)[0] as { data: unknown };
  const mail = openMailJob(data.data);
  const code = /code (\d{6})/.exec(mail.subject)![1];
  return { token, code, mail };
}

describe("issuing a sign-in", () => {
  it("writes the account, join, pending consent, hashed token and code, and queues the mail together", async () => {
    const { token, code, mail } = await issue("new@example.com", { consent: true });
    const [user] = await db.select().from(users).where(eq(users.email, "new@example.com"));
    expect(user.emailVerified).toBeNull();
    expect(await db.select().from(joins).where(eq(joins.userId, user.id))).toHaveLength(1);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub.status).toBe("pending");
    const tokens = await db.select().from(verificationTokens).where(eq(verificationTokens.identifier, "new@example.com"));
    expect(tokens).toHaveLength(1);
    expect(tokens[0].token).not.toContain(token);
    const codes = await db.select().from(signinCodes).where(eq(signinCodes.email, "new@example.com"));
    expect(codes[0].codeHash).not.toContain(code);
    expect(mail.to).toBe("new@example.com");
    expect(mail.text).toContain(encodeURIComponent(token).slice(0, 10));
    expect(mail.html).toContain(code);
  });

  it("queues nothing and writes nothing when the transaction fails", async () => {
    const before = await db.select().from(users);
    // An expiry the database cannot store makes the token insert fail mid-transaction.
    await expect(issue("rollback@example.com", { expires: new Date(Number.NaN) })).rejects.toThrow();
    expect(await db.select().from(users)).toHaveLength(before.length);
  });
});

describe("two requests for a new address at the same moment", () => {
  it("both succeed, with one account", async () => {
    await Promise.all([issueRaw("race@example.com", "race-1"), issueRaw("race@example.com", "race-2")]);
    expect(await db.select().from(users).where(eq(users.email, "race@example.com"))).toHaveLength(1);
    expect(await inspectLink("race@example.com", "race-1")).toBe("valid");
    expect(await inspectLink("race@example.com", "race-2")).toBe("valid");
  });
});

function issueRaw(email: string, token: string) {
  return sendVerificationRequest({ identifier: email, token, expires: new Date(Date.now() + DAY) });
}

describe("links", () => {
  it("survive any number of inspections, sign in once, then say 'used'", async () => {
    const { token } = await issue("link@example.com", { consent: true });
    for (let i = 0; i < 5; i++) expect(await inspectLink("link@example.com", token)).toBe("valid");
    const first = await redeemLink("link@example.com", token);
    expect(first.ok).toBe(true);
    const second = await redeemLink("link@example.com", token);
    expect(second).toEqual({ ok: false, state: "used" });
    const [user] = await db.select().from(users).where(eq(users.email, "link@example.com"));
    expect(user.emailVerified).not.toBeNull();
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub.status).toBe("active");
    const stored = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(1);
    if (first.ok) expect(stored[0].sessionToken).not.toBe(first.session.token);
  });

  it("say 'expired' after their lifetime, without signing in", async () => {
    const { token } = await issue("old@example.com", { expires: new Date(Date.now() - 1000) });
    expect(await inspectLink("old@example.com", token)).toBe("expired");
    expect(await redeemLink("old@example.com", token)).toEqual({ ok: false, state: "expired" });
  });

  it("keep an older unexpired link working after a new one is asked for", async () => {
    const a = await issue("twice@example.com");
    const b = await issue("twice@example.com");
    expect((await redeemLink("twice@example.com", a.token)).ok).toBe(true);
    expect(await inspectLink("twice@example.com", b.token)).toBe("valid");
  });

  it("do not work for another address", async () => {
    const { token } = await issue("owner@example.com");
    expect(await redeemLink("someone-else@example.com", token)).toEqual({ ok: false, state: "invalid" });
  });
});

describe("codes", () => {
  it("sign in once and use up the link from the same mail", async () => {
    const { token, code } = await issue("code@example.com");
    const r = await redeemCode("code@example.com", `${code.slice(0, 3)} ${code.slice(3)}`, "10.0.0.1");
    expect(r.ok).toBe(true);
    expect(await inspectLink("code@example.com", token)).toBe("used");
    expect((await redeemCode("code@example.com", code, "10.0.0.1")).ok).toBe(false);
  });

  it("die after 5 wrong tries, even for the right code", async () => {
    const { code } = await issue("guess@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const r = await redeemCode("guess@example.com", wrong, "10.0.0.2");
      expect(r.ok).toBe(false);
    }
    const last = await redeemCode("guess@example.com", code, "10.0.0.2");
    expect(last).toMatchObject({ ok: false, error: "no_code" });
  });

  it("are refused after 15 minutes", async () => {
    const { code } = await issue("late@example.com");
    await db.update(signinCodes).set({ expires: new Date(Date.now() - 1) }).where(eq(signinCodes.email, "late@example.com"));
    expect(await redeemCode("late@example.com", code, "10.0.0.3")).toMatchObject({ ok: false, error: "no_code" });
  });
});
