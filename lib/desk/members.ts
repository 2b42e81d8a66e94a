import "server-only";
import { and, asc, count, desc, eq, gt, ilike, type SQL } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { articles, subscriptions, users } from "@/lib/db/schema";
import { containsPattern } from "./list-query";

export const MEMBERS_PER_PAGE = 50;

export type NewsletterStatus = "none" | "pending" | "active" | "unsubscribed" | "suppressed";

/** One member as the desk lists and exports them. */
export type MemberRow = {
  id: string;
  email: string;
  name: string | null;
  role: "reader" | "editor";
  joinedAt: Date;
  joinedFromTitle: string | null;
  joinedFromSlug: string | null;
  newsletter: NewsletterStatus;
  lastSignInAt: Date | null;
};

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
};

function memberQuery(where: SQL | undefined) {
  return db
    .select(columns)
    .from(users)
    .leftJoin(articles, eq(articles.id, users.joinedFromArticleId))
    .leftJoin(subscriptions, eq(subscriptions.userId, users.id))
    .where(where)
    .$dynamic();
}

const withStatus = (rows: (Omit<MemberRow, "newsletter"> & { newsletter: MemberRow["newsletter"] | null })[]) =>
  rows.map((r) => ({ ...r, newsletter: r.newsletter ?? "none" }));

const addressFilter = (q: string) => (q.trim() ? ilike(users.email, containsPattern(q.trim().toLowerCase())) : undefined);

export type MemberPage = { rows: MemberRow[]; total: number; page: number; pages: number };

/** Members, newest first; `q` searches addresses. */
export async function searchMembers(q: string, page: number): Promise<MemberPage> {
  const where = addressFilter(q);
  const [{ total }] = await db.select({ total: count() }).from(users).where(where);
  const pages = Math.max(1, Math.ceil(total / MEMBERS_PER_PAGE));
  const current = Math.min(page, pages);
  const rows = await memberQuery(where)
    .orderBy(desc(users.createdAt), desc(users.id))
    .limit(MEMBERS_PER_PAGE)
    .offset((current - 1) * MEMBERS_PER_PAGE);
  return { rows: withStatus(rows), total, page: current, pages };
}

/**
 * One batch of members by address, after `afterEmail` (keyset on the unique email
 * index: each batch costs the same however far into 100,000 members it is).
 */
export async function memberBatch(q: string, afterEmail: string | null, limit: number): Promise<MemberRow[]> {
  const filter = addressFilter(q);
  const where = afterEmail === null ? filter : and(filter, gt(users.email, afterEmail));
  const rows = await memberQuery(where).orderBy(asc(users.email)).limit(limit);
  return withStatus(rows);
}
