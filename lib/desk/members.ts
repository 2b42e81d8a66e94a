import "server-only";
import { and, asc, desc, eq, gt, ilike, isNotNull, not, or, sql, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles, subscriptions, users, type Article, type Subscription, type User } from "@/lib/db/schema";
import { containsPattern } from "./list-query";

export const MEMBERS_PER_PAGE = 50;

export type NewsletterStatus = Subscription["status"] | "none";

/**
 * A confirmed member has shown they own the address (signed in at least once), or the
 * publisher vouched for it (a CSV import), or is an editor. Anyone else only asked to
 * join: they are listed apart, left out of the conversion figures, and their account goes
 * a week after their last link expired (lib/jobs/cleanup.ts). A condition over "user".
 */
export const confirmedMember: SQL = or(isNotNull(users.emailVerified), isNotNull(users.importedAt), eq(users.role, "editor"))!;

/** Which side of the members list: the confirmed members, or those awaiting confirmation. */
export type MemberFilter = "confirmed" | "awaiting";

/** Why a member counts as confirmed ("imported": vouched for, never signed in), or not. */
export type MemberStatus = "confirmed" | "imported" | "awaiting";

const memberStatus = sql<MemberStatus>`case
  when ${users.emailVerified} is not null or ${users.role} = 'editor' then 'confirmed'
  when ${users.importedAt} is not null then 'imported'
  else 'awaiting' end`;

/** ?status= of the members list and its export: anything but "awaiting" means confirmed. */
export function memberFilter(v: unknown): MemberFilter {
  return v === "awaiting" ? "awaiting" : "confirmed";
}

const statusFilter = (filter: MemberFilter) => (filter === "confirmed" ? confirmedMember : not(confirmedMember));

/** One member as the desk lists and exports them. */
export type MemberRow = Pick<User, "id" | "email" | "name" | "role" | "lastSignInAt"> & {
  joinedAt: User["createdAt"];
  joinedFromTitle: Article["title"] | null;
  joinedFromSlug: Article["slug"] | null;
  newsletter: NewsletterStatus;
  status: MemberStatus;
  /** The latest proof of consent (opt-in or import) and confirmation, as JSON from the database. */
  consent: ConsentSummary | null;
};

/** What the members list and CSV carry of the consent records (lib/newsletter/consent.ts). */
export type ConsentSummary = {
  at: string;
  source: string;
  network: string | null;
  user_agent: string | null;
  sentence: string | null;
  attestation: string | null;
  confirmed_at: string | null;
};

const consentSummary = sql<ConsentSummary | null>`(SELECT row_to_json(c) FROM (
    SELECT r.at, r.source, r.network, r.user_agent, r.sentence, r.attestation,
      (SELECT max(k.at) FROM consent_record k WHERE k.user_id = ${users.id} AND k.action = 'confirmed' AND k.at >= r.at) AS confirmed_at
    FROM consent_record r WHERE r.user_id = ${users.id} AND r.action IN ('opt-in', 'imported')
    ORDER BY r.at DESC, r.id DESC LIMIT 1) c)`;

const columns = {
  id: users.id,
  email: users.email,
  name: users.name,
  role: users.role,
  joinedAt: users.createdAt,
  joinedFromTitle: articles.title,
  joinedFromSlug: articles.slug,
  newsletter: subscriptions.status,
  lastSignInAt: users.lastSignInAt,
  status: memberStatus,
  consent: consentSummary,
};

/**
 * Which newsletter the list shows the status of, and whether it lists only that
 * newsletter's subscribers (active or waiting for confirmation).
 */
export type NewsletterView = { newsletterId: number; subscribersOnly: boolean };

const subscribersOf = (view: NewsletterView | null) =>
  view?.subscribersOnly ? sql`${subscriptions.status} IN ('active', 'pending')` : undefined;

function memberQuery(where: SQL | undefined, view: NewsletterView | null) {
  return db
    .select(columns)
    .from(users)
    .leftJoin(articles, eq(articles.id, users.joinedFromArticleId))
    .leftJoin(subscriptions, and(eq(subscriptions.userId, users.id), eq(subscriptions.newsletterId, view?.newsletterId ?? 1)))
    .where(and(where, subscribersOf(view)))
    .$dynamic();
}

const withStatus = (rows: (Omit<MemberRow, "newsletter"> & { newsletter: MemberRow["newsletter"] | null })[]) =>
  rows.map((r) => ({ ...r, newsletter: r.newsletter ?? "none" }));

const addressFilter = (q: string) => (q.trim() ? ilike(users.email, containsPattern(q.trim().toLowerCase())) : undefined);

export type MemberPage = {
  rows: MemberRow[];
  /** Rows on this side of the list (matching `q`). */
  total: number;
  /** Both sides' totals (matching `q`), shown apart. */
  counts: Record<MemberFilter, number>;
  page: number;
  pages: number;
};

/** One side of the members list, newest first; `q` searches addresses. */
export async function searchMembers(
  q: string,
  page: number,
  filter: MemberFilter = "confirmed",
  view: NewsletterView | null = null,
): Promise<MemberPage> {
  const [counts] = await db
    .select({
      confirmed: sql<number>`count(*) filter (where ${confirmedMember})::int`,
      awaiting: sql<number>`count(*) filter (where not (${confirmedMember}))::int`,
    })
    .from(users)
    .leftJoin(subscriptions, and(eq(subscriptions.userId, users.id), eq(subscriptions.newsletterId, view?.newsletterId ?? 1)))
    .where(and(addressFilter(q), subscribersOf(view)));
  const where = and(addressFilter(q), statusFilter(filter));
  const total = counts[filter];
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  const current = Math.min(page, pages);
  const rows = await memberQuery(where, view)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(MEMBERS_PER_PAGE)
    .offset((current - 1) * MEMBERS_PER_PAGE);
  return { rows: withStatus(rows), total, counts, page: current, pages };
}

/**
 * One batch of one side's members by address, after `afterEmail` (keyset on the unique
 * email index: each batch costs the same however far into 100,000 members it is).
 */
export async function memberBatch(
  q: string,
  filter: MemberFilter,
  afterEmail: string | null,
  limit: number,
  view: NewsletterView | null = null,
): Promise<MemberRow[]> {
  const matching = and(addressFilter(q), statusFilter(filter));
  const where = afterEmail === null ? matching : and(matching, gt(users.email, afterEmail));
  const rows = await memberQuery(where, view).orderBy(asc(users.email)).limit(limit);
  return withStatus(rows);
}

/** ?newsletter= and ?only=subscribers of the members list and its export, checked against the newsletters that exist. */
export function newsletterView(params: { newsletter?: unknown; only?: unknown }, newsletterIds: number[]): NewsletterView {
  const asked = typeof params.newsletter === "string" && /^[1-9][0-9]{0,8}$/.test(params.newsletter) ? Number(params.newsletter) : null;
  const newsletterId = asked !== null && newsletterIds.includes(asked) ? asked : (newsletterIds[0] ?? 1);
  return { newsletterId, subscribersOnly: params.only === "subscribers" && asked === newsletterId };
}
