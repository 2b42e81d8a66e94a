import "server-only";
import { sql } from "drizzle-orm";
import { keyedHash, randomToken, sameDigest } from "@/lib/auth/crypto";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { GIFT_SETTING_KEY, parseGiftSettings } from "./settings";

// A member's gift of one premium article: a link whose token is random (32 bytes), kept
// only as a keyed hash, found by that hash and compared again in constant time. Whether
// a link opens is asked of the database on every open (expiry, the gift still there —
// it goes with its member's account —, gifts still on), so every process agrees at once.

const giftHash = (token: string) => keyedHash("gift", token);

/** A token as randomToken(32) makes them: 43 base64url characters. */
const plausibleToken = (token: unknown): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
const plausibleSlug = (slug: unknown): slug is string => typeof slug === "string" && slug.length <= 200 && /^[a-z0-9-]+$/.test(slug);

/** The gift page's path: the article's slug and the token (the page checks that they belong together). */
export const giftPath = (slug: string, token: string) => `/articles/${slug}/gift/${token}`;

export type MadeGift =
  | { ok: true; token: string; path: string; expiresAt: Date; left: number }
  | { ok: false; error: "off" | "limit" | "not_premium" | "no_account"; message: string };

export const GIFT_MESSAGES = {
  off: "Gift links are switched off on this site.",
  limit: (perMonth: number) =>
    `You have used your ${perMonth} gift ${perMonth === 1 ? "link" : "links"} for this month. You can gift again on the 1st of next month (UTC).`,
  not_premium: "Only published premium articles can be gifted: everyone can read this one already.",
  no_account: "Please sign in to gift an article.",
};

/** The first instant of this calendar month, UTC: gifts made since then count against this month's. */
const MONTH_START = sql`date_trunc('month', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'`;

/**
 * Makes a gift link for a member, within this month's allowance. One transaction that
 * locks the member's row first, so two gifts made at once cannot both take the last one.
 */
export async function makeGift(userId: string, slug: string): Promise<MadeGift> {
  if (!plausibleSlug(slug)) return { ok: false, error: "not_premium", message: GIFT_MESSAGES.not_premium };
  const token = randomToken(32);
  return db.transaction(async (tx) => {
    const [setting] = rowsOf<{ value: unknown }>(await tx.execute(sql`SELECT value FROM site_setting WHERE key = ${GIFT_SETTING_KEY}`));
    const settings = parseGiftSettings(setting?.value);
    if (!settings.enabled) return { ok: false, error: "off", message: GIFT_MESSAGES.off } as const;
    const [me] = rowsOf<{ id: string }>(await tx.execute(sql`SELECT id FROM "user" WHERE id = ${userId} FOR UPDATE`));
    if (!me) return { ok: false, error: "no_account", message: GIFT_MESSAGES.no_account } as const;
    const [article] = rowsOf<{ id: number }>(
      await tx.execute(sql`SELECT id FROM article WHERE slug = ${slug} AND status = 'published' AND premium`),
    );
    if (!article) return { ok: false, error: "not_premium", message: GIFT_MESSAGES.not_premium } as const;
    const [{ used }] = rowsOf<{ used: number }>(
      await tx.execute(sql`SELECT count(*)::int AS used FROM gift WHERE user_id = ${userId} AND created_at >= ${MONTH_START}`),
    );
    if (used >= settings.perMonth) return { ok: false, error: "limit", message: GIFT_MESSAGES.limit(settings.perMonth) } as const;
    const [made] = rowsOf<{ expires_at: Date | string }>(
      await tx.execute(sql`
        INSERT INTO gift (token_hash, user_id, article_id, expires_at)
        VALUES (${giftHash(token)}, ${userId}, ${article.id}, now() + make_interval(days => ${settings.validDays}))
        RETURNING expires_at`),
    );
    return { ok: true, token, path: giftPath(slug, token), expiresAt: new Date(made.expires_at), left: settings.perMonth - used - 1 } as const;
  });
}

export type OpenedGift = { giftId: number; articleId: number };

/**
 * The gift a link names, if it opens now: its token's hash, on this article's slug, not
 * expired, its member's account still there, gifts on. `count`: a reader's page view (not
 * a bot's, a prefetch or a join), added to the gift's opens in the same statement.
 */
export async function openGift(slug: unknown, token: unknown, { count }: { count: boolean }): Promise<OpenedGift | null> {
  if (!plausibleSlug(slug) || !plausibleToken(token)) return null;
  const hash = giftHash(token);
  const rows = rowsOf<{ id: number; article_id: number; token_hash: string }>(
    await db.execute(sql`
      WITH found AS (
        SELECT g.id, g.article_id, g.token_hash FROM gift g JOIN article a ON a.id = g.article_id
        WHERE g.token_hash = ${hash} AND a.slug = ${slug} AND g.expires_at > now()
          AND coalesce((SELECT value->>'enabled' FROM site_setting WHERE key = ${GIFT_SETTING_KEY}), 'true') <> 'false'
      ), opened AS (
        UPDATE gift SET opens = opens + 1, last_opened_at = now() WHERE id IN (SELECT id FROM found) AND ${count}::boolean
      )
      SELECT id, article_id, token_hash FROM found`),
  );
  const row = rows[0];
  // Found by its hash through an index; compared again without an early exit.
  if (!row || !sameDigest(row.token_hash, hash)) return null;
  return { giftId: row.id, articleId: row.article_id };
}

export type MemberGift = { id: number; slug: string; title: string; createdAt: Date; expiresAt: Date; expired: boolean; opens: number; joins: number };

/** A member's gifts, newest first, with how often each was opened and the joins it brought. */
export async function memberGifts(userId: string, limit = 100): Promise<MemberGift[]> {
  const rows = rowsOf<{ id: number; slug: string; title: string; created_at: Date | string; expires_at: Date | string; expired: boolean; opens: number; joins: number }>(
    await db.execute(sql`
      SELECT g.id, a.slug, a.title, g.created_at, g.expires_at, g.expires_at <= now() AS expired, g.opens,
        (SELECT count(*)::int FROM "join" j WHERE j.gift_id = g.id) AS joins
      FROM gift g JOIN article a ON a.id = g.article_id
      WHERE g.user_id = ${userId} ORDER BY g.created_at DESC, g.id DESC LIMIT ${limit}`),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    createdAt: new Date(r.created_at),
    expiresAt: new Date(r.expires_at),
    expired: r.expired,
    opens: r.opens,
    joins: r.joins,
  }));
}

/** Gifts this member made this calendar month (UTC). */
export async function giftsMadeThisMonth(userId: string): Promise<number> {
  const [row] = rowsOf<{ n: number }>(await db.execute(sql`SELECT count(*)::int AS n FROM gift WHERE user_id = ${userId} AND created_at >= ${MONTH_START}`));
  return row?.n ?? 0;
}
