import "server-only";
import { sql } from "drizzle-orm";
import { runPrepared } from "@/lib/db/client";
import { keyedHash } from "../crypto";
import { networkOf, spendStatement, type Budget } from "../rate-limits";
import { CHALLENGE_SECONDS } from "./relying-party";

export type Purpose = "register" | "authenticate";

const challengeHash = (challenge: string) => keyedHash("webauthn-challenge", challenge);

/** Challenges one client may ask for in an hour (a page with the gate asks for one). */
export const CHALLENGES_PER_HOUR = 300;

/**
 * Stores a challenge Lede just made (by its keyed hash), for `purpose` and, for a
 * registration, the signed-in account, in the same statement that counts it against the
 * client's budget: a client past its budget stores nothing. False when refused.
 */
export async function storeChallenge(challenge: string, purpose: Purpose, ip: string, userId: string | null = null): Promise<boolean> {
  const budget: Budget = { key: `webauthn:ip:${networkOf(ip).host}`, limit: CHALLENGES_PER_HOUR, windowSeconds: 60 * 60 };
  const rows = await runPrepared<{ stored: number }>(sql`
    WITH spent AS (${spendStatement([budget])}),
    stored AS (
      INSERT INTO webauthn_challenge (challenge_hash, purpose, user_id, expires)
      SELECT ${challengeHash(challenge)}, ${purpose}, ${userId}::text, now() + make_interval(secs => ${CHALLENGE_SECONDS})
      WHERE (SELECT points FROM spent) <= ${budget.limit}
      RETURNING 1
    )
    SELECT count(*)::int AS stored FROM stored`);
  return Number(rows[0]?.stored ?? 0) === 1;
}

/**
 * Uses up the challenge a browser's answer names: deleted as it is taken, so it works
 * once whatever the outcome, and only before it expires, for its purpose and (a
 * registration) its account. False when there is no such live challenge.
 */
export async function takeChallenge(challenge: unknown, purpose: Purpose, userId: string | null = null): Promise<boolean> {
  if (typeof challenge !== "string" || !/^[A-Za-z0-9_-]{16,200}$/.test(challenge)) return false;
  const rows = await runPrepared<{ live: boolean }>(sql`
    DELETE FROM webauthn_challenge
    WHERE challenge_hash = ${challengeHash(challenge)}
    RETURNING expires > now() AND purpose = ${purpose} AND user_id IS NOT DISTINCT FROM ${userId}::text AS live`);
  return rows[0]?.live === true;
}

/** The challenge a browser's answer says it signed (clientDataJSON's), or null. */
export function challengeOf(response: unknown): string | null {
  const data = (response as { response?: { clientDataJSON?: unknown } } | null)?.response?.clientDataJSON;
  if (typeof data !== "string" || data.length > 4096) return null;
  try {
    const parsed = JSON.parse(Buffer.from(data, "base64url").toString("utf8")) as { challenge?: unknown };
    return typeof parsed.challenge === "string" ? parsed.challenge : null;
  } catch {
    return null;
  }
}
