// Integration: the one door to sign-in, on a real database — issuing, using and refusing
// links and codes, the budgets an attacker meets, and what they cannot spend for others.
import { describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { joins, sessions, signInTokens, subscriptions, users } from "@/lib/db/schema";
import { openMailJob } from "@/lib/mail/outbox";
import type { MailMessage } from "@/lib/mail/message";
import { requestSignIn, type SignInRequestInput } from "./request-sign-in";
import { inspectLink, issueSignIn, MAX_LIVE_CODES, redeemLink } from "./sign-in-tokens";
import { CODE_NOT_ACCEPTED, redeemCode } from "./redeem";

useTestDatabase();

let ipCounter = 0;
/** A fresh client address in a fresh /24 each time, unless one is given. */
const freshIp = () => `10.${Math.floor(++ipCounter / 250) % 250}.${ipCounter % 250}.7`;

async function mailsTo(address: string): Promise<MailMessage[]> {
  const rows = rowsOf<{ data: unknown }>(
    await db.execute(sql`select data from pgboss.job where name = 'mail' order by created_on, id`),
  );
  return rows.map((r) => openMailJob(r.data)).filter((m) => m.to.toLowerCase() === address.toLowerCase());
}

async function lastMail(address: string) {
  const mail = (await mailsTo(address)).at(-1);
  if (!mail) throw new Error(`no mail to ${address}`);
  const token = new URL(/https?:\/\/\S+\/signin\/verify\?\S+/.exec(mail.text)![0]).searchParams.get("token")!;
  const code = /code (\d{6})/.exec(mail.subject)![1];
  return { mail, token, code };
}

function ask(email: string, extra: Partial<SignInRequestInput> = {}) {
  return requestSignIn({
    email,
    newsletter: false,
    articleSlug: null,
    callbackUrl: "/x",
    honeypot: "",
    ip: freshIp(),
    joining: false,
    deviceKey: "o".repeat(43),
    ...extra,
  });
}

describe("asking for a sign-in mail", () => {
  it("writes the account, join, pending consent, hashed link and code, and queues the mail together", async () => {
    await db.execute(sql`insert into article (slug, title, premium) values ('joined-from', 'Joined from', true)`);
    const r = await ask("New@Example.com", { newsletter: true, joining: true, articleSlug: "joined-from" });
    expect(r).toEqual({ ok: true, email: "New@Example.com", callbackUrl: "/x" });
    const [user] = await db.select().from(users).where(eq(users.email, "new@example.com"));
    expect(user.emailVerified).toBeNull();
    expect(user.emailAsTyped).toBe("New@Example.com");
    expect(await db.select().from(joins).where(eq(joins.userId, user.id))).toHaveLength(1);
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub.status).toBe("pending");
    const { mail, token, code } = await lastMail("new@example.com");
    expect(mail.to).toBe("New@Example.com");
    expect(mail.text).toContain("Joined from");
    const [row] = await db.select().from(signInTokens).where(eq(signInTokens.email, "new@example.com"));
    expect(row.tokenHash).not.toContain(token);
    expect(row.codeHash).not.toContain(code);
    expect(row.callbackUrl).toBe("/x");
  });

  it("puts only the token in the link: no address, no return path", async () => {
    await ask("private@example.com");
    const { mail } = await lastMail("private@example.com");
    const link = new URL(/https?:\/\/\S+\/signin\/verify\?\S+/.exec(mail.text)![0]);
    expect([...link.searchParams.keys()]).toEqual(["token"]);
    expect(mail.text + mail.html).not.toMatch(/email=|private%40example/);
  });

  it("treats Alice@x and alice@x as one account with one budget, mailing each as typed", async () => {
    const ip = freshIp();
    expect((await ask("Alice@Case.example", { ip })).ok).toBe(true);
    expect((await ask("alice@case.example", { ip })).ok).toBe(true);
    expect((await ask("ALICE@CASE.EXAMPLE", { ip })).ok).toBe(true);
    expect(await db.select().from(users).where(sql`lower(email) = 'alice@case.example'`)).toHaveLength(1);
    const refused = await ask("aLiCe@case.example", { ip });
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect((await mailsTo("alice@case.example")).map((m) => m.to)).toEqual([
      "Alice@Case.example",
      "alice@case.example",
      "ALICE@CASE.EXAMPLE",
    ]);
  });

  it("refuses bad input, disposable domains and unknown articles, and writes nothing", async () => {
    const before = (await db.select().from(users)).length;
    expect(await ask("not an address")).toMatchObject({ ok: false, error: "invalid_email" });
    expect(await ask("x@mailinator.com")).toMatchObject({ ok: false, error: "blocked_email" });
    expect(await ask("noarticle@example.com", { articleSlug: "no-such-article", joining: true })).toMatchObject({
      ok: false,
      error: "unknown_article",
    });
    expect((await db.select().from(users)).length).toBe(before);
    expect(await mailsTo("noarticle@example.com")).toHaveLength(0);
    const spent = rowsOf(await db.execute(sql`select key from rate_limit where key like '%noarticle@example.com%'`));
    expect(spent).toHaveLength(0);
  });

  it("answers a filled honeypot like a person, and sends and spends nothing", async () => {
    expect(await ask("bot@example.com", { honeypot: "http://spam.example" })).toMatchObject({ ok: true });
    expect(await mailsTo("bot@example.com")).toHaveLength(0);
    expect(await db.select().from(users).where(eq(users.email, "bot@example.com"))).toHaveLength(0);
  });

  it("writes nothing and queues nothing when the statement fails", async () => {
    const before = (await db.select().from(users)).length;
    await expect(
      issueSignIn({ email: "rollback@example.com", asTyped: "rollback@example.com", callbackUrl: "/", article: { id: 999_999, title: "x" }, newsletterConsent: false, joining: true }),
    ).rejects.toThrow();
    expect((await db.select().from(users)).length).toBe(before);
    expect(await mailsTo("rollback@example.com")).toHaveLength(0);
  });

  it("makes one account when two requests for a new address race, and both mails work", async () => {
    const input = { email: "race@example.com", asTyped: "race@example.com", callbackUrl: "/", article: null, newsletterConsent: false, joining: false };
    await Promise.all([issueSignIn(input), issueSignIn(input), issueSignIn(input)]);
    expect(await db.select().from(users).where(eq(users.email, "race@example.com"))).toHaveLength(1);
    const mails = await mailsTo("race@example.com");
    expect(mails).toHaveLength(3);
  });
});

describe("budgets, and who can spend them", () => {
  it("allow 3 mails per address and network in 10 minutes, then say the sent ones still work", async () => {
    const network = (i: number) => `10.200.9.${i}`;
    for (let i = 1; i <= 3; i++) expect((await ask("burst@example.com", { ip: network(i) })).ok).toBe(true);
    const refused = await ask("burst@example.com", { ip: network(9) });
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    if (!refused.ok) {
      expect(refused.message).toMatch(/links and codes in them still work/);
      expect(refused.retryAfterSeconds).toBeGreaterThan(500);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
    expect(await mailsTo("burst@example.com")).toHaveLength(3);
  });

  it("do not let another network lock the owner out", async () => {
    // An attacker spends the address's budget from one network, all day long…
    for (let i = 0; i < 12; i++) await ask("owner@example.com", { ip: `192.0.2.${i + 1}` });
    expect(await ask("owner@example.com", { ip: "192.0.2.200" })).toMatchObject({ ok: false, error: "rate_limited" });
    // …and the owner, elsewhere, still gets a mail and signs in.
    expect((await ask("owner@example.com", { ip: "198.51.100.4" })).ok).toBe(true);
    const { token } = await lastMail("owner@example.com");
    expect((await redeemLink(token)).ok).toBe(true);
  });

  it("allow 30 requests per client address per hour across addresses", async () => {
    const ip = "10.222.0.1";
    for (let i = 0; i < 30; i++) expect((await ask(`ip${i}@example.com`, { ip })).ok).toBe(true);
    expect(await ask("ip-over@example.com", { ip })).toMatchObject({ ok: false, error: "rate_limited" });
    expect((await ask("ip-over@example.com", { ip: "10.222.0.2" })).ok).toBe(true);
  });

  it("count 40 requests racing for one address exactly: 3 mails, no more", async () => {
    const ip = "10.223.0.1";
    const results = await Promise.all(Array.from({ length: 40 }, () => ask("racer@example.com", { ip })));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    expect(await mailsTo("racer@example.com")).toHaveLength(3);
  });
});

describe("links", () => {
  it("survive any number of inspections, sign in once, then say 'used'", async () => {
    await ask("link@example.com", { newsletter: true });
    const { token } = await lastMail("link@example.com");
    for (let i = 0; i < 5; i++) expect((await inspectLink(token)).state).toBe("valid");
    const first = await redeemLink(token);
    expect(first).toMatchObject({ ok: true, callbackUrl: "/x" });
    expect(await redeemLink(token)).toEqual({ ok: false, state: "used" });
    const [user] = await db.select().from(users).where(eq(users.email, "link@example.com"));
    expect(user.emailVerified).not.toBeNull();
    const [sub] = await db.select().from(subscriptions).where(eq(subscriptions.userId, user.id));
    expect(sub.status).toBe("active");
    const stored = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(stored).toHaveLength(1);
    if (first.ok) expect(stored[0].sessionToken).not.toBe(first.session.token);
  });

  it("are used once even when the Continue button is pressed many times at once", async () => {
    await ask("double@example.com");
    const { token } = await lastMail("double@example.com");
    const results = await Promise.all(Array.from({ length: 8 }, () => redeemLink(token)));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("say 'expired' after their lifetime, without signing in", async () => {
    await ask("old@example.com");
    const { token } = await lastMail("old@example.com");
    await db.update(signInTokens).set({ expires: new Date(Date.now() - 1000) }).where(eq(signInTokens.email, "old@example.com"));
    expect((await inspectLink(token)).state).toBe("expired");
    expect(await redeemLink(token)).toEqual({ ok: false, state: "expired" });
  });

  it("keep an older unexpired link working after a new one is asked for", async () => {
    await ask("twice@example.com");
    const a = await lastMail("twice@example.com");
    await ask("twice@example.com");
    const b = await lastMail("twice@example.com");
    expect((await redeemLink(a.token)).ok).toBe(true);
    expect((await inspectLink(b.token)).state).toBe("valid");
  });

  it("know nothing of made-up, truncated or altered tokens", async () => {
    await ask("tamper@example.com");
    const { token } = await lastMail("tamper@example.com");
    for (const bad of ["", "x", token.slice(0, -1), `${token}A`, token.toUpperCase(), "a".repeat(5000), `${token}' or 1=1 --`]) {
      expect((await inspectLink(bad)).state).toBe("invalid");
      expect(await redeemLink(bad)).toEqual({ ok: false, state: "invalid" });
    }
  });
});

/** The key of the browser `ask` asks from, and others (lib/auth/device-key.ts). */
const OWNER = "o".repeat(43);
const STRANGER = "s".repeat(43);

describe("codes", () => {
  it("sign in once in the browser that asked and use up the link from the same mail", async () => {
    await ask("code@example.com");
    const { token, code } = await lastMail("code@example.com");
    const r = await redeemCode("code@example.com", `${code.slice(0, 3)} ${code.slice(3)}`, freshIp(), OWNER);
    expect(r).toMatchObject({ ok: true, callbackUrl: "/x" });
    expect((await inspectLink(token)).state).toBe("used");
    expect((await redeemCode("code@example.com", code, freshIp(), OWNER)).ok).toBe(false);
  });

  it("work only in the browser that asked: the right code from any other browser is refused like any wrong one", async () => {
    await ask("bound@example.com");
    const { code } = await lastMail("bound@example.com");
    expect(await redeemCode("bound@example.com", code, freshIp(), STRANGER)).toEqual({ ok: false, error: "wrong_code", message: CODE_NOT_ACCEPTED });
    expect(await redeemCode("bound@example.com", code, freshIp(), null)).toEqual({ ok: false, error: "wrong_code", message: CODE_NOT_ACCEPTED });
    expect((await redeemCode("bound@example.com", code, freshIp(), OWNER)).ok).toBe(true);
  });

  it("answer the same whether or not the address has a live code, and never count tries left", async () => {
    await ask("has-code@example.com");
    const answers = [];
    for (const key of [null, STRANGER, OWNER]) {
      for (const email of ["has-code@example.com", "no-code-ever@example.com"]) {
        for (let i = 0; i < 4; i++) answers.push(await redeemCode(email, String(100000 + i), freshIp(), key));
      }
    }
    // The code "10000i" might be the real one by chance: then the owner's try signs in.
    const refused = answers.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThanOrEqual(answers.length - 1);
    for (const a of refused) expect(a).toEqual({ ok: false, error: "wrong_code", message: CODE_NOT_ACCEPTED });
    expect(CODE_NOT_ACCEPTED).not.toMatch(/\d+ tr(y|ies)|left/);
  });

  it("let a stranger's guesses from many networks and browsers spend only the stranger's budgets, never the owner's code", async () => {
    await ask("owner@example.com");
    const { code } = await lastMail("owner@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 60; i++) {
      const ip = i % 2 ? `2001:db8:${(0x100 + i).toString(16)}::1` : freshIp();
      const key = i % 3 === 0 ? null : `${String(i).padStart(3, "0")}${"k".repeat(40)}`;
      expect(await redeemCode("owner@example.com", wrong, ip, key)).toMatchObject({ ok: false, error: "wrong_code" });
    }
    expect(await redeemCode("owner@example.com", code, freshIp(), OWNER)).toMatchObject({ ok: true });
  });

  it("allow 5 wrong tries per address in one browser, whatever its client address, then refuse even the right code there", async () => {
    await ask("guess@example.com");
    const { code, token } = await lastMail("guess@example.com");
    const wrong = code === "000000" ? "111111" : "000000";
    for (let i = 1; i <= 5; i++) expect(await redeemCode("guess@example.com", wrong, freshIp(), OWNER)).toMatchObject({ ok: false, error: "wrong_code" });
    const refused = await redeemCode("guess@example.com", code, freshIp(), OWNER);
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect(!refused.ok && refused.message).toMatch(/Use the link in the email, or try a code again in \d+ minutes/);
    // The link from the same mail still works.
    expect((await redeemLink(token)).ok).toBe(true);
  });

  it("count 40 parallel wrong codes in one browser atomically: no more than 5 are ever compared", async () => {
    await ask("parallel@example.com");
    const { code } = await lastMail("parallel@example.com");
    const wrong = Array.from({ length: 40 }, (_, i) => String((Number(code) + 1 + i) % 1_000_000).padStart(6, "0"));
    const results = await Promise.all(wrong.map((w) => redeemCode("parallel@example.com", w, freshIp(), OWNER)));
    expect(results.filter((r) => !r.ok && r.error === "wrong_code")).toHaveLength(5);
    expect(results.filter((r) => !r.ok && r.error === "rate_limited")).toHaveLength(35);
    expect(await redeemCode("parallel@example.com", code, freshIp(), OWNER)).toMatchObject({ ok: false, error: "rate_limited" });
  });

  it(`keep at most ${MAX_LIVE_CODES} live codes per address: a new mail voids the oldest`, async () => {
    const codes: string[] = [];
    for (let i = 0; i < MAX_LIVE_CODES + 1; i++) {
      await ask("many@example.com");
      codes.push((await lastMail("many@example.com")).code);
    }
    const live = rowsOf<{ n: number }>(
      await db.execute(sql`select count(*)::int as n from sign_in_token where email = 'many@example.com' and code_expires > now()`),
    );
    expect(live[0].n).toBe(MAX_LIVE_CODES);
    if (!codes.slice(1).includes(codes[0])) {
      expect(await redeemCode("many@example.com", codes[0], freshIp(), OWNER)).toMatchObject({ ok: false });
    }
    expect((await redeemCode("many@example.com", codes.at(-1)!, freshIp(), OWNER)).ok).toBe(true);
  });

  it("a right code clears the address's wrong tries in that browser", async () => {
    await ask("clear@example.com");
    const first = await lastMail("clear@example.com");
    const wrong = first.code === "000000" ? "111111" : "000000";
    for (let i = 0; i < 4; i++) await redeemCode("clear@example.com", wrong, freshIp(), OWNER);
    expect((await redeemCode("clear@example.com", first.code, freshIp(), OWNER)).ok).toBe(true);
    await ask("clear@example.com");
    for (let i = 0; i < 5; i++) expect(await redeemCode("clear@example.com", wrong, freshIp(), OWNER)).toMatchObject({ error: "wrong_code" });
  });

  it("are refused after 15 minutes, with the same answer", async () => {
    await ask("late@example.com");
    const { code } = await lastMail("late@example.com");
    await db.update(signInTokens).set({ codeExpires: new Date(Date.now() - 1) }).where(eq(signInTokens.email, "late@example.com"));
    expect(await redeemCode("late@example.com", code, freshIp(), OWNER)).toEqual({ ok: false, error: "wrong_code", message: CODE_NOT_ACCEPTED });
  });

  it("limit tries per client address, and per /24 and /48 across their addresses", async () => {
    const ip = "10.224.0.1";
    for (let i = 0; i < 20; i++) expect(await redeemCode(`nocode${i}@example.com`, "000000", ip, null)).toMatchObject({ ok: false, error: "wrong_code" });
    expect(await redeemCode("nocode-over@example.com", "000000", ip, null)).toMatchObject({ ok: false, error: "rate_limited" });
    for (const net of [(i: number) => `10.225.0.${i + 1}`, (i: number) => `2001:db8:225:${i.toString(16)}::1`]) {
      let ok = 0;
      for (let i = 0; i < 70; i++) {
        const r = await redeemCode(`net${i}@example.com`, "000000", net(i), null);
        if (!r.ok && r.error === "wrong_code") ok++;
      }
      expect(ok).toBe(60);
    }
  });
});
