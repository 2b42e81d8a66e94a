import "server-only";
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Referral } from "@/lib/insight/source";
import { db, runPrepared } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { getBoss } from "@/lib/jobs/boss";
import { queueMailStatement, sealSignInMail } from "@/lib/mail/outbox";
import { keyedHash, randomCode, randomToken } from "./crypto";
import { deviceCodeBudgets } from "./rate-limits";
import { FIRST_JOIN, startedSession, startSessionSteps, type NewSession } from "./sessions";
import { consentInsert, NO_CONTEXT, type ConsentContext } from "@/lib/newsletter/consent";
import { retryingRaces } from "@/lib/db/retry";

export const LINK_LIFETIME_SECONDS = 24 * 60 * 60;
export const CODE_LIFETIME_SECONDS = 15 * 60;
/** An address has at most this many codes that work; a new mail voids the oldest. */
export const MAX_LIVE_CODES = 3;

export const linkHash = (token: string) => keyedHash("link", token);
/** A code is stored hashed with the address and the key of the browser that asked (lib/auth/device-key.ts). */
export const codeHash = (email: string, deviceKey: string, code: string) => keyedHash("code", `${email}\0${deviceKey}\0${code}`);

export type SignInIssue = {
  /** The identity (lowercased) and the address as typed, where the mail goes. */
  email: string;
  asTyped: string;
  callbackUrl: string;
  article: { id: number; title: string } | null;
  /** The consent box: the newsletters offered by default (as they are when this runs). */
  newsletterConsent: boolean;
  /** Newsletters the reader ticked by id (not archived ones: those take nobody). */
  newsletterIds?: number[];
  /** The reader pressed "Join" (as opposed to "Sign in"): recorded for the desk. */
  joining: boolean;
  /** The meter's form it was (its notice, its wall), recorded with the join. */
  source?: "meter-notice" | "meter-wall" | null;
  /** Where the reader came to the site from (lib/insight/source.ts), recorded with the join. */
  referral?: Referral | null;
  /** The gift link the reader joined from, recorded with the join (its member sees the joins it brought). */
  giftId?: number | null;
  /** The reader's variant of a running wall experiment, recorded with the join (its confirmation counts for it). */
  variant?: { experimentId: number; variant: number } | null;
  /** Proof of the newsletter opt-in: the request's network and user agent, the sentence shown. */
  consent?: ConsentContext & { sentence: string };
  /** The asking browser's key: the code works only with it (none: the code works nowhere). */
  deviceKey?: string | null;
};

const RACED = ["22012", "40P01", "23505"];

/**
 * One sign-in mail, in one statement (so all of it or none): the account if it is new,
 * the join, the pending newsletter consent, the hashed link and code (voiding the
 * address's oldest live codes beyond MAX_LIVE_CODES) and the queued mail, which a worker
 * sends with retries. A statement that finds nothing queued fails on purpose (1/0), so a
 * new address raced by another request is simply tried again.
 */
export async function issueSignIn(input: SignInIssue): Promise<Issued> {
  // The queue's tables and its "mail" queue exist once pg-boss has started in this process.
  await getBoss();
  return retryingRaces(() => issueOnce(input), RACED);
}

/** `firstJoin`: the reader joined from this article for the first time (the desk counts it). */
export type Issued = { firstJoin: boolean };

async function issueOnce(input: SignInIssue): Promise<Issued> {
  const token = randomToken(32);
  const code = randomCode();
  const deviceKey = input.deviceKey ?? randomToken(32);
  const sealed = sealSignInMail({ to: input.asTyped, token, code, articleTitle: input.article?.title ?? null });
  const articleId = input.article?.id ?? null;
  const source = input.article ? "gate" : "signin";
  const referral = input.article ? input.referral : null;
  // Whole numbers only, so the array literal below cannot carry anything else.
  const ids = (input.newsletterIds ?? []).filter((id) => Number.isSafeInteger(id) && id > 0);
  const idList = `{${ids.join(",")}}`;
  const consenting = input.newsletterConsent || ids.length > 0;
  const rows = await runPrepared<{ joinedBefore: boolean }>(sql`
    WITH created AS (
      INSERT INTO "user" (id, email, email_as_typed, joined_from_article_id)
      VALUES (${randomUUID()}, ${input.email}, nullif(${input.asTyped}::text, ${input.email}::text), ${articleId}::int)
      ON CONFLICT (email) DO NOTHING
      RETURNING id
    ), account AS (
      SELECT id, true AS is_new FROM created
      UNION ALL
      SELECT id, false FROM "user" WHERE email = ${input.email}
    ), joined AS (
      INSERT INTO "join" (user_id, article_id, newsletter_consent, source, referral_source, referral_host, referral_issue_id, gift_id, experiment_id, variant)
      SELECT id, ${articleId}::int, ${consenting}::boolean, ${input.source ?? null}::text,
        ${referral?.source ?? null}::text, nullif(${referral?.host ?? ""}::text, ''), nullif(${referral?.issueId ?? 0}::int, 0),
        ${input.article ? (input.giftId ?? null) : null}::int,
        ${input.article ? (input.variant?.experimentId ?? null) : null}::int, ${input.article ? (input.variant?.variant ?? null) : null}::int
      FROM account WHERE ${input.joining}::boolean
    ), before AS (
      -- For the desk's funnel (lib/insight): has this reader joined from this article before?
      -- A lookup by (user, article) on join_user_article_idx: a join against the account CTE
      -- let the planner scan every join of the article, slower with each join.
      SELECT EXISTS (SELECT 1 FROM "join" j WHERE j.user_id = (SELECT id FROM account LIMIT 1) AND j.article_id = ${articleId}::int) AS joined
    ), consent AS (
      -- One confirmation covers every newsletter ticked: each waits as pending until the
      -- reader confirms their address. An archived newsletter takes nobody, whatever a form says.
      INSERT INTO subscription (user_id, newsletter_id, status, source)
      SELECT a.id, n.id, 'pending', ${source} FROM account a CROSS JOIN newsletter n
      WHERE ${consenting}::boolean AND n.archived_at IS NULL
        AND ((${input.newsletterConsent}::boolean AND n.offered_by_default) OR n.id = ANY(${idList}::int[]))
      ON CONFLICT (user_id, newsletter_id) DO UPDATE SET status = 'pending', consent_at = now(), unsubscribed_at = NULL
      WHERE subscription.status = 'unsubscribed'
    ), consent_proof AS (
      -- The proof of that consent: one record per newsletter the box (or the form) named.
      ${consentInsert(
        sql`SELECT a.id, n.id AS newsletter_id FROM account a CROSS JOIN newsletter n
            WHERE ${consenting}::boolean AND n.archived_at IS NULL
              AND ((${input.newsletterConsent}::boolean AND n.offered_by_default) OR n.id = ANY(${idList}::int[]))`,
        "opt-in",
        input.source ?? source,
        input.consent ?? NO_CONTEXT,
        input.consent?.sentence ?? null,
      )}
    ), voided AS (
      UPDATE sign_in_token SET code_expires = now()
      WHERE email = ${input.email} AND used_at IS NULL AND code_expires > now()
        AND id NOT IN (SELECT id FROM sign_in_token
                       WHERE email = ${input.email} AND used_at IS NULL AND code_expires > now()
                       ORDER BY id DESC LIMIT ${MAX_LIVE_CODES - 1})
    ), token AS (
      INSERT INTO sign_in_token (token_hash, code_hash, email, sent_to, callback_url, expires, code_expires)
      SELECT ${linkHash(token)}, ${codeHash(input.email, deviceKey, code)}, ${input.email}, ${input.asTyped}, ${input.callbackUrl},
             now() + make_interval(secs => ${LINK_LIFETIME_SECONDS}), now() + make_interval(secs => ${CODE_LIFETIME_SECONDS})
      FROM account
      RETURNING id
    ), mail AS (
      ${queueMailStatement(sql`jsonb_build_object('sealed', ${sealed}::text, 'newAccount', (SELECT bool_or(is_new) FROM account))`, sql`EXISTS (SELECT 1 FROM token)`)}
    )
    SELECT 1 / (SELECT count(*) FROM mail) AS queued, (SELECT joined FROM before) AS "joinedBefore"`);
  return { firstJoin: input.joining && articleId !== null && rows[0]?.joinedBefore === false };
}

export type LinkState = "valid" | "used" | "expired" | "invalid";

export type LinkInfo = { state: LinkState; sentTo: string | null; email: string | null; callbackUrl: string };

const plausibleToken = (token: unknown): token is string => typeof token === "string" && /^[A-Za-z0-9_-]{20,100}$/.test(token);

/** What an emailed link would do, without using it (GET, HEAD and scanners land here). */
export async function inspectLink(token: unknown): Promise<LinkInfo> {
  const none: LinkInfo = { state: "invalid", sentTo: null, email: null, callbackUrl: "/" };
  if (!plausibleToken(token)) return none;
  const [row] = rowsOf<{ used: boolean; live: boolean; sentTo: string; email: string; callbackUrl: string }>(
    await db.execute(sql`
      SELECT used_at IS NOT NULL AS used, expires > now() AS live, sent_to AS "sentTo", email, callback_url AS "callbackUrl"
      FROM sign_in_token WHERE token_hash = ${linkHash(token)}`),
  );
  if (!row) return none;
  const state: LinkState = row.used ? "used" : row.live ? "valid" : "expired";
  return { state, sentTo: row.sentTo, email: row.email, callbackUrl: row.callbackUrl };
}

export type Redeemed = { ok: true; session: NewSession; callbackUrl: string } | { ok: false; state: Exclude<LinkState, "valid"> };

/** The Continue button: uses the link (and the code from the same mail) once, and signs in. */
export async function redeemLink(token: unknown, context: ConsentContext = NO_CONTEXT): Promise<Redeemed> {
  if (!plausibleToken(token)) return { ok: false, state: "invalid" };
  const { token: sessionToken, steps } = startSessionSteps("link", null, context);
  const [row] = await runPrepared<{ userId: string | null; email: string | null; expires: string | null; callbackUrl: string | null }>(sql`
    WITH src AS (
      UPDATE sign_in_token SET used_at = now()
      WHERE token_hash = ${linkHash(token)} AND used_at IS NULL AND expires > now()
      RETURNING email, sent_to, callback_url
    ), ${steps}
    SELECT a.id AS "userId", a.shown AS email, s.expires, (SELECT callback_url FROM src) AS "callbackUrl", ${FIRST_JOIN}
    FROM account a, started s`);
  const session = startedSession(sessionToken, row, "link");
  if (session) return { ok: true, session, callbackUrl: row.callbackUrl ?? "/" };
  const { state } = await inspectLink(token);
  return { ok: false, state: state === "valid" ? "used" : state };
}

export type CodeCheck = { ok: true; session: NewSession; callbackUrl: string };

/**
 * A typed code, after its budgets were spent (see redeemCode): uses the matching live
 * code of the address asked for in this browser, if there is one, and signs in (null:
 * none matched, whether the address has other codes or none). A right code clears the
 * address's wrong-code counts in this browser.
 */
export async function useCode(email: string, code: string, deviceKey: string, context: ConsentContext = NO_CONTEXT): Promise<CodeCheck | null> {
  const { token: sessionToken, steps } = startSessionSteps("code", null, context);
  const clear = deviceCodeBudgets(email, deviceKey).map((b) => b.key);
  const [row] = await runPrepared<{ userId: string | null; email: string | null; expires: string | null; callbackUrl: string | null }>(sql`
      WITH src AS (
        UPDATE sign_in_token SET used_at = now()
        WHERE id = (SELECT id FROM sign_in_token
                    WHERE email = ${email} AND code_hash = ${codeHash(email, deviceKey, code)} AND used_at IS NULL
                      AND code_expires > now() AND expires > now()
                    ORDER BY id DESC LIMIT 1)
          AND used_at IS NULL
        RETURNING email, sent_to, callback_url
      ), ${steps},
      cleared AS (
        DELETE FROM rate_limit WHERE key IN (${sql.join(clear.map((k) => sql`${k}`), sql`, `)}) AND EXISTS (SELECT 1 FROM src)
      )
      SELECT a.id AS "userId", a.shown AS email, s.expires, (SELECT callback_url FROM src) AS "callbackUrl", ${FIRST_JOIN}
      FROM (SELECT 1) one LEFT JOIN account a ON true LEFT JOIN started s ON true`);
  const session = startedSession(sessionToken, row, "code");
  return session ? { ok: true, session, callbackUrl: row.callbackUrl ?? "/" } : null;
}
