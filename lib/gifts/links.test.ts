// Integration: a gift link opens only its own article, while it has not expired, its member's
// account exists and gifts are on; a member gets this month's allowance and no more, even
// when asking many times at once; a gift's join and confirmation are credited to it.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { deleteAccount } from "@/lib/account/delete";
import { requestSignIn } from "@/lib/auth/request-sign-in";
import { startSession } from "@/lib/auth/sessions";
import { flushTraffic } from "@/lib/insight/counts";
import { GIFT_REFERRAL } from "@/lib/insight/source";
import { giftFigures } from "./figures";
import { makeGift, memberGifts, openGift } from "./links";

useTestDatabase();

const tokenOf = (path: string) => path.slice(path.lastIndexOf("/") + 1);
const setGifts = (value: object) =>
  db.execute(sql`insert into site_setting (key, value) values ('gifts', ${JSON.stringify(value)}::jsonb)
                 on conflict (key) do update set value = excluded.value`);

describe("gift links", () => {
  it("open their own article only, count opens, and stop on expiry, gifts off and the member's account deleted", async () => {
    await db.execute(sql`insert into article (slug, title, premium, status) values
      ('ferry', 'Ferry', true, 'published'), ('bakery', 'Bakery', true, 'published'), ('free', 'Free', false, 'published'), ('draft', 'Draft', true, 'draft')`);
    const member = await startSession("giver@example.com", "link");
    expect(await makeGift(member.userId, "free")).toMatchObject({ ok: false, error: "not_premium" });
    expect(await makeGift(member.userId, "draft")).toMatchObject({ ok: false, error: "not_premium" });
    expect(await makeGift(member.userId, "../ferry")).toMatchObject({ ok: false, error: "not_premium" });
    const made = await makeGift(member.userId, "ferry");
    if (!made.ok) throw new Error(made.message);
    expect(made.path).toMatch(/^\/articles\/ferry\/gift\/[A-Za-z0-9_-]{43}$/);
    expect(made.left).toBe(9);
    expect(made.expiresAt.getTime() - Date.now()).toBeGreaterThan(29.9 * 86_400_000);
    const token = tokenOf(made.path);
    // Only its hash is stored.
    const stored = rowsOf<{ token_hash: string }>(await db.execute(sql`select token_hash from gift`));
    expect(stored[0].token_hash).not.toContain(token);

    const ferry = await openGift("ferry", token, { count: true });
    expect(ferry).toMatchObject({ articleId: expect.any(Number) });
    expect(await openGift("bakery", token, { count: true })).toBeNull();
    expect(await openGift("ferry", token.toUpperCase(), { count: true })).toBeNull();
    expect(await openGift("ferry", `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, { count: true })).toBeNull();
    expect(await openGift("ferry", undefined, { count: true })).toBeNull();
    expect(await openGift(["ferry"], token, { count: true })).toBeNull();
    await openGift("ferry", token, { count: false });
    expect((await memberGifts(member.userId))[0]).toMatchObject({ slug: "ferry", opens: 1 });

    await setGifts({ enabled: false, perMonth: 10, validDays: 30 });
    expect(await openGift("ferry", token, { count: true })).toBeNull();
    expect(await makeGift(member.userId, "ferry")).toMatchObject({ ok: false, error: "off" });
    await setGifts({ enabled: true, perMonth: 10, validDays: 30 });
    expect(await openGift("ferry", token, { count: false })).not.toBeNull();

    await db.execute(sql`update gift set expires_at = now() - interval '1 second'`);
    expect(await openGift("ferry", token, { count: false })).toBeNull();
    await db.execute(sql`update gift set expires_at = now() + interval '1 day'`);
    expect(await openGift("ferry", token, { count: false })).not.toBeNull();

    expect(await deleteAccount(member.userId)).toBe(true);
    expect(await openGift("ferry", token, { count: false })).toBeNull();
    expect(rowsOf(await db.execute(sql`select 1 from gift`))).toHaveLength(0);
  });

  it("gives a member this month's allowance and no more, however many ask at once", async () => {
    await setGifts({ enabled: true, perMonth: 3, validDays: 7 });
    const member = await startSession("racer@example.com", "link");
    const results = await Promise.all(Array.from({ length: 8 }, () => makeGift(member.userId, "bakery")));
    expect(results.filter((r) => r.ok)).toHaveLength(3);
    const refused = results.find((r) => !r.ok);
    expect(refused).toMatchObject({ ok: false, error: "limit", message: expect.stringContaining("You have used your 3 gift links for this month") });
    // Last month's gifts do not count against this month's.
    await db.execute(sql`update gift set created_at = date_trunc('month', now()) - interval '1 day' where user_id = ${member.userId}`);
    expect(await makeGift(member.userId, "bakery")).toMatchObject({ ok: true, left: 2 });
    await setGifts({ enabled: true, perMonth: 10, validDays: 30 });
  });

  it("credits a join from a gift, and its confirmation, to the gift source and to the gift", async () => {
    const member = await startSession("sharer@example.com", "link");
    const made = await makeGift(member.userId, "bakery");
    if (!made.ok) throw new Error(made.message);
    const gift = await openGift("bakery", tokenOf(made.path), { count: false });
    const joined = await requestSignIn({
      email: "friend@example.com",
      newsletter: false,
      articleSlug: "bakery",
      callbackUrl: "/articles/bakery",
      honeypot: "",
      ip: "10.77.1.1",
      joining: true,
      referral: GIFT_REFERRAL,
      giftId: gift!.giftId,
    });
    expect(joined.ok).toBe(true);
    await startSession("friend@example.com", "link");
    await flushTraffic();
    const rows = rowsOf<{ joins: number; confirmations: number }>(
      await db.execute(sql`select sum(joins)::int as joins, sum(confirmations)::int as confirmations from article_traffic where source = 'gift'`),
    );
    expect(rows[0]).toEqual({ joins: 1, confirmations: 1 });
    expect((await memberGifts(member.userId))[0]).toMatchObject({ slug: "bakery", joins: 1 });
    // The desk's figures: the gifts made today (the racer's last-month ones not among them), the join, its confirmation.
    const [today] = await giftFigures([1]);
    expect(today).toEqual({ made: 2, reads: 0, joins: 1, confirmed: 1 });
  });
});
