import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { cacheDrops, cachePeers, joins, rateLimits, sessions, signIns, signInTokens, users, webauthnChallenges } from "@/lib/db/schema";
import { confirmedMember } from "@/lib/desk/members";
import { LINK_LIFETIME_SECONDS } from "@/lib/auth/sign-in-tokens";
import { foldRareHosts } from "@/lib/insight/counts";

// Hourly housekeeping: what sign-in leaves behind, the accounts of people who asked to
// join and never confirmed, and the insight page's rows for rarely seen referrers. Run
// by the "cleanup" queue on a pg-boss schedule, in
// whichever process runs workers, once per hour across all of them.

/** Minute 17 of every hour, UTC. */
export const CLEANUP_CRON = "17 * * * *";

/** Rows per statement: each batch is a short transaction of its own, whatever the backlog. */
export const CLEANUP_BATCH = 1000;
/** A run stops after this many batches per kind; the next hour goes on from there. */
const MAX_BATCHES = 100;

const DAY_MS = 24 * 60 * 60 * 1000;
/**
 * A sign-in mail's row (its link and code) is kept this long after the link expired, so
 * a second click can still say "already used" or "expired" rather than "not valid".
 */
export const SPENT_TOKEN_KEEP_MS = 3 * DAY_MS;
/** An account that never confirmed goes this long after its last sign-in link expired. */
export const UNCONFIRMED_GRACE_MS = 7 * DAY_MS;
/** How long an emailed link lives: a join asked for one then. */
const LINK_LIFETIME_MS = LINK_LIFETIME_SECONDS * 1000;

export type CleanupResult = {
  signInTokens: number;
  cacheRows: number;
  sessions: number;
  rateLimits: number;
  /** WebAuthn challenges never answered, past their expiry. */
  passkeyChallenges: number;
  unconfirmedAccounts: number;
  /** The insight page's rows for rarely seen referring sites, folded into one. */
  foldedHosts: number;
};

/** A moment as an SQL value (postgres.js takes no Date in raw SQL, PGlite does). */
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;

/** Runs `statement` (a DELETE … RETURNING) batch by batch until it finds nothing more. */
async function inBatches(statement: () => SQL): Promise<number> {
  let total = 0;
  for (let i = 0; i < MAX_BATCHES; i++) {
    const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`with gone as (${statement()}) select count(*)::int as n from gone`));
    total += n;
    if (n < CLEANUP_BATCH) break;
  }
  return total;
}

/** Deletes up to one batch of `table`'s rows matching `where`, by physical row id. */
const deleteWhere = (table: PgTable, where: SQL) =>
  sql`delete from ${table} where ctid = any(array(select ctid from ${table} where ${where} limit ${CLEANUP_BATCH})) returning 1`;

// ── Sign-in tokens: everything cleanup knows about their table is in these two. ──

/**
 * Sign-in mails (link and code, used or not) a few days past their link's expiry. One
 * exception: those of an address that never confirmed stay (unusable) for the grace
 * week after they expired, as the record of when it last asked; its account goes with
 * them (deleteUnconfirmedAccounts).
 */
async function deleteSpentSignInTokens(now: Date): Promise<{ signInTokens: number }> {
  const keptSince = new Date(now.getTime() - SPENT_TOKEN_KEEP_MS);
  const graceStart = new Date(now.getTime() - UNCONFIRMED_GRACE_MS);
  const awaitingConfirmation = sql`exists (select 1 from ${users} where ${users.email} = ${signInTokens.email} and not ${confirmedMember})`;
  const gone = await inBatches(() =>
    deleteWhere(
      signInTokens,
      sql`${signInTokens.expires} < ${ts(keptSince)} and (${signInTokens.expires} < ${ts(graceStart)} or not ${awaitingConfirmation})`,
    ),
  );
  return { signInTokens: gone };
}

/** Whether the "user" row's address had a sign-in mail whose link was live at `since` or later. */
const signInTokenSince = (since: Date) =>
  sql`exists (select 1 from ${signInTokens} where ${signInTokens.email} = ${users.email} and ${signInTokens.expires} >= ${ts(since)})`;

// ── The rest ────────────────────────────────────────────────────────────────

/**
 * Accounts made when someone asked to join and that nobody ever confirmed: no sign-in,
 * no session, not imported, not an editor, and their last link expired more than a week
 * ago (their last link: one still on record, else the one their creation or their latest
 * join from an article asked for). Their joins and pending consent go with them.
 */
function deleteUnconfirmedAccounts(now: Date): Promise<number> {
  const graceStart = new Date(now.getTime() - UNCONFIRMED_GRACE_MS);
  const askedSince = new Date(graceStart.getTime() - LINK_LIFETIME_MS);
  // SKIP LOCKED: an account a sign-in is writing to right now is left for the next run.
  return inBatches(
    () => sql`delete from ${users} where ${users.id} in (
      select ${users.id} from ${users}
      where not ${confirmedMember}
        and ${users.createdAt} < ${ts(askedSince)}
        and not exists (select 1 from ${sessions} where ${sessions.userId} = ${users.id})
        and not exists (select 1 from ${signIns} where ${signIns.userId} = ${users.id})
        and not exists (select 1 from ${joins} where ${joins.userId} = ${users.id} and ${joins.createdAt} >= ${ts(askedSince)})
        and not ${signInTokenSince(graceStart)}
      limit ${CLEANUP_BATCH} for update skip locked)
    returning 1`,
  );
}

/**
 * Render-cache bookkeeping (lib/cache/peers.ts): drops a day old (a process that was
 * out of touch that long forgets its whole cache anyway), and the leases of processes
 * gone for an hour (one that comes back registers again).
 */
async function deleteSpentCacheRows(now: Date): Promise<number> {
  const drops = await inBatches(() => deleteWhere(cacheDrops, sql`${cacheDrops.at} < ${ts(new Date(now.getTime() - DAY_MS))}`));
  const peers = await inBatches(() =>
    deleteWhere(cachePeers, sql`${cachePeers.leaseUntil} < ${ts(new Date(now.getTime() - 60 * 60 * 1000))}`),
  );
  return drops + peers;
}

/** One cleanup pass; safe to run at any time, in any process, as often as you like. */
export async function runCleanup(now = new Date()): Promise<CleanupResult> {
  const tokens = await deleteSpentSignInTokens(now);
  return {
    ...tokens,
    sessions: await inBatches(() => deleteWhere(sessions, sql`${sessions.expires} < ${ts(now)}`)),
    // Rows without an expiry never expire.
    rateLimits: await inBatches(() => deleteWhere(rateLimits, sql`${rateLimits.expire} < ${ts(now)}`)),
    passkeyChallenges: await inBatches(() => deleteWhere(webauthnChallenges, sql`${webauthnChallenges.expires} < ${ts(now)}`)),
    unconfirmedAccounts: await deleteUnconfirmedAccounts(now),
    cacheRows: await deleteSpentCacheRows(now),
    foldedHosts: await foldRareHosts(now),
  };
}

/** One log line for a pass that removed anything, else null. */
export function describeCleanup(r: CleanupResult): string | null {
  const parts = [
    [r.signInTokens, "spent sign-in links and codes"],
    [r.sessions, "expired sessions"],
    [r.rateLimits, "spent rate limits"],
    [r.passkeyChallenges, "expired passkey challenges"],
    [r.unconfirmedAccounts, "accounts never confirmed"],
    [r.cacheRows, "render-cache records"],
    [r.foldedHosts, "rows of rarely seen referring sites (folded into one)"],
  ] as const;
  const done = parts.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}`);
  return done.length > 0 ? `removed ${done.join(", ")}` : null;
}
