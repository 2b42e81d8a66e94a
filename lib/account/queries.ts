import "server-only";
import { and, asc, eq, isNull, or, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { newsletters, subscriptions, users, type Newsletter, type Subscription, type User } from "@/lib/db/schema";

export type AccountSummary = Pick<User, "email" | "createdAt" | "role">;

export async function accountSummary(userId: string): Promise<AccountSummary | null> {
  const [row] = await db
    .select({ email: sql<string>`coalesce(${users.emailAsTyped}, ${users.email})`, createdAt: users.createdAt, role: users.role })
    .from(users)
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export type AccountNewsletter = Pick<Newsletter, "id" | "name" | "description"> & {
  archived: boolean;
  status: Subscription["status"] | "none";
};

/** Every newsletter a reader may choose (not archived), and archived ones they still have a subscription to. */
export async function accountNewsletters(userId: string): Promise<AccountNewsletter[]> {
  const rows = await db
    .select({
      id: newsletters.id,
      name: newsletters.name,
      description: newsletters.description,
      archivedAt: newsletters.archivedAt,
      status: subscriptions.status,
    })
    .from(newsletters)
    .leftJoin(subscriptions, and(eq(subscriptions.newsletterId, newsletters.id), eq(subscriptions.userId, userId)))
    .where(or(isNull(newsletters.archivedAt), sql`${subscriptions.status} IN ('active', 'pending')`))
    .orderBy(asc(newsletters.id));
  return rows.map(({ archivedAt, status, ...n }) => ({ ...n, archived: archivedAt !== null, status: status ?? "none" }));
}
