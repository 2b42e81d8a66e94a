import "server-only";
import { randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { sessions } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { countFunnel } from "@/lib/insight/counts";
import type { Source } from "@/lib/insight/source";
import { keyedHash, randomToken } from "./crypto";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

export const sessionHash = (cookieValue: string) => keyedHash("session", cookieValue);

export type NewSession = { token: string; expires: Date; userId: string; email: string };

/**
 * The statements that sign an address in, as CTEs that follow a CTE named `src`
 * (columns: email, sent_to) holding the address whose link or code was just used:
 * the account is made if need be and marked verified, its pending newsletter consent
 * confirmed (double opt-in), EDITOR_EMAILS promoted, the sign-in recorded and a session
 * created. Only the session's hash is stored. Ends with CTEs `account`, `started` and
 * `first_join` (select FIRST_JOIN with the session, for startedSession).
 */
export function startSessionSteps(method: "link" | "code") {
  const token = randomToken(32);
  const steps: SQL = sql`
    account AS (
      INSERT INTO "user" (id, email, email_as_typed, "emailVerified", last_sign_in_at, role)
      SELECT ${randomUUID()}, src.email, nullif(src.sent_to, src.email), now(), now(),
             CASE WHEN src.email = ANY(string_to_array(${env.editorEmails.join(",")}, ',')) THEN 'editor' ELSE 'reader' END
      FROM src
      ON CONFLICT (email) DO UPDATE SET
        "emailVerified" = coalesce("user"."emailVerified", now()),
        last_sign_in_at = now(),
        email_as_typed = excluded.email_as_typed,
        role = CASE WHEN excluded.role = 'editor' THEN 'editor' ELSE "user".role END
      RETURNING id, coalesce(email_as_typed, email) AS shown
    ),
    confirmed AS (
      UPDATE subscription SET status = 'active', confirmed_at = now()
      WHERE user_id IN (SELECT id FROM account) AND status = 'pending'
    ),
    first_join AS (
      -- An account that joined from an article, signing in for the first time: the join's source.
      SELECT DISTINCT ON (u.id) j.article_id, coalesce(j.referral_source, 'direct') AS source, coalesce(j.referral_host, '') AS host,
        coalesce(j.referral_issue_id, 0) AS issue_id,
        (j.newsletter_consent AND EXISTS (SELECT 1 FROM subscription s WHERE s.user_id = u.id AND s.status = 'pending'))::int AS opted_in
      FROM "user" u JOIN src ON u.email = src.email JOIN "join" j ON j.user_id = u.id AND j.article_id = u.joined_from_article_id
      WHERE u."emailVerified" IS NULL AND u.imported_at IS NULL
      ORDER BY u.id, j.id
    ),
    recorded AS (
      INSERT INTO sign_in (user_id, method) SELECT id, ${method} FROM account
    ),
    started AS (
      INSERT INTO session ("sessionToken", "userId", expires)
      SELECT ${sessionHash(token)}, id, now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS}) FROM account
      RETURNING expires
    )`;
  return { token, steps };
}

/** Selected with a statement's session: the account's first join, when this sign-in confirmed it. */
export const FIRST_JOIN = sql`(SELECT row_to_json(f) FROM first_join f LIMIT 1) AS "firstJoin"`;
type FirstJoin = { article_id: number; source: Source; host: string; issue_id: number; opted_in: number };
type StartedRow = { userId: string | null; email: string | null; expires: Date | string | null; firstJoin?: FirstJoin | string | null };

/**
 * The session a statement ending in startSessionSteps made, if it made one. A sign-in
 * that confirmed an account which joined from an article counts for the desk's funnel.
 */
export function startedSession(token: string, row: StartedRow | undefined): NewSession | null {
  if (!row?.userId || !row.email || !row.expires) return null;
  const first: FirstJoin | null = typeof row.firstJoin === "string" ? JSON.parse(row.firstJoin) : (row.firstJoin ?? null);
  if (first) {
    countFunnel(first.article_id, { source: first.source, host: first.host, issueId: first.issue_id }, { confirmations: 1, newsletterOptIns: first.opted_in });
  }
  return { token, userId: row.userId, email: row.email, expires: new Date(row.expires) };
}

/**
 * Signs an address in directly (scripts, benchmarks, tests): what a used link does, for
 * an address whose ownership is already known. `email` is the identity.
 */
export async function startSession(email: string, method: "link" | "code", asTyped = email): Promise<NewSession> {
  const { token, steps } = startSessionSteps(method);
  const [row] = rowsOf<StartedRow>(
    await db.execute(sql`
      WITH src AS (SELECT ${email}::text AS email, ${asTyped}::text AS sent_to), ${steps}
      SELECT a.id AS "userId", a.shown AS email, s.expires, ${FIRST_JOIN} FROM account a, started s`),
  );
  const session = startedSession(token, row);
  if (!session) throw new Error(`no session was started for ${email}`);
  return session;
}

/**
 * Rolling sessions: a session still in use is extended to a full lifetime again, at
 * most once a day. Returns the new expiry, or null when the session is gone.
 */
export async function extendSession(cookieValue: string): Promise<Date | null> {
  const [row] = rowsOf<{ expires: Date | string }>(
    await db.execute(sql`
      UPDATE session SET expires = now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})
      WHERE "sessionToken" = ${sessionHash(cookieValue)} AND expires > now()
      RETURNING expires`),
  );
  return row ? new Date(row.expires) : null;
}

/** Whether a session expiring at `expires` was last extended more than a day ago. */
export function dueForExtension(expires: Date, now = Date.now()): boolean {
  return expires.getTime() - now < (SESSION_MAX_AGE_SECONDS - 24 * 60 * 60) * 1000;
}

/** Ends the session behind one cookie value. */
export async function endSession(cookieValue: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.sessionToken, sessionHash(cookieValue)));
}

/** "Sign out everywhere": ends every session of the account. */
export async function endAllSessions(userId: string): Promise<number> {
  const gone = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ t: sessions.sessionToken });
  return gone.length;
}
