import "server-only";
import { metrics } from "@/lib/metrics/registry";
import { randomUUID } from "node:crypto";
import { eq, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { sessions } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { countFunnel } from "@/lib/insight/counts";
import { countForVariant } from "@/lib/experiments/counts";
import type { Source } from "@/lib/insight/source";
import { keyedHash, randomToken } from "./crypto";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { consentInsert, NO_CONTEXT, type ConsentContext } from "@/lib/newsletter/consent";

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
export type SignInMethod = "link" | "code" | "passkey" | "provider";

export function startSessionSteps(method: SignInMethod, provider: string | null = null, context: ConsentContext = NO_CONTEXT) {
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
      RETURNING user_id AS id, newsletter_id
    ),
    confirmation_proof AS (
      -- Double opt-in's second half, with where the confirming request came from.
      ${consentInsert(sql`SELECT id, newsletter_id FROM confirmed`, "confirmed", method === "link" ? "emailed link" : method === "code" ? "emailed code" : (provider ?? method), context)}
    ),
    first_join AS (
      -- An account that joined from an article, signing in for the first time: the join's source.
      SELECT DISTINCT ON (u.id) j.article_id, coalesce(j.referral_source, 'direct') AS source, coalesce(j.referral_host, '') AS host,
        coalesce(j.referral_issue_id, 0) AS issue_id, j.experiment_id, j.variant,
        (j.newsletter_consent AND EXISTS (SELECT 1 FROM subscription s WHERE s.user_id = u.id AND s.status = 'pending'))::int AS opted_in
      FROM "user" u JOIN src ON u.email = src.email JOIN "join" j ON j.user_id = u.id AND j.article_id = u.joined_from_article_id
      WHERE u."emailVerified" IS NULL AND u.imported_at IS NULL
      ORDER BY u.id, j.id
    ),
    recorded AS (
      INSERT INTO sign_in (user_id, method, provider) SELECT id, ${method}, ${provider}::text FROM account
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
type FirstJoin = { article_id: number; source: Source; host: string; issue_id: number; opted_in: number; experiment_id: number | null; variant: number | null };
type StartedRow = { userId: string | null; email: string | null; expires: Date | string | null; firstJoin?: FirstJoin | string | null };

/**
 * The session a statement ending in startSessionSteps made, if it made one. A sign-in
 * that confirmed an account which joined from an article counts for the desk's funnel, and
 * every one counts by its way in (lede_sign_ins_total: link, code, passkey, or the provider).
 */
export function startedSession(token: string, row: StartedRow | undefined, way: string): NewSession | null {
  if (!row?.userId || !row.email || !row.expires) return null;
  metrics().signIns.inc({ way });
  const first: FirstJoin | null = typeof row.firstJoin === "string" ? JSON.parse(row.firstJoin) : (row.firstJoin ?? null);
  if (first) {
    countFunnel(first.article_id, { source: first.source, host: first.host, issueId: first.issue_id }, { confirmations: 1, newsletterOptIns: first.opted_in });
    // The wall experiment's variant the reader joined in (lib/experiments) gets the confirmation too.
    if (first.experiment_id !== null && first.variant !== null) countForVariant(first.experiment_id, first.variant, "confirmations");
  }
  return { token, userId: row.userId, email: row.email, expires: new Date(row.expires) };
}

/**
 * Signs an address in directly (scripts, benchmarks, tests): what a used link does, for
 * an address whose ownership is already known. `email` is the identity.
 */
export async function startSession(email: string, method: SignInMethod, asTyped = email, provider: string | null = null): Promise<NewSession> {
  const session = await startSessionFrom(sql`SELECT ${email}::text AS email, ${asTyped}::text AS sent_to`, method, provider);
  if (!session) throw new Error(`no session was started for ${email}`);
  return session;
}

/**
 * Signs in the address `src` selects (columns email, sent_to; no row: nobody), through
 * the same steps as a used link: a passkey's owner, a provider's verified address. `before`
 * may add CTEs that `src` reads (a passkey's counter update, say), so all of it is one statement.
 */
export async function startSessionFrom(src: SQL, method: SignInMethod, provider: string | null = null, before?: SQL): Promise<NewSession | null> {
  const { token, steps } = startSessionSteps(method, provider);
  const [row] = rowsOf<StartedRow>(
    await db.execute(sql`
      WITH ${before ? sql`${before}, ` : sql``}src AS (${src}), ${steps}
      SELECT a.id AS "userId", a.shown AS email, s.expires, ${FIRST_JOIN} FROM account a, started s`),
  );
  return startedSession(token, row, provider ?? method);
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
