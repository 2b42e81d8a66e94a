import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { subscriptions, users, type Subscription, type User } from "@/lib/db/schema";

export type AccountSummary = Pick<User, "email" | "createdAt" | "role"> & { newsletter: Subscription["status"] | "none" };

export async function accountSummary(userId: string): Promise<AccountSummary | null> {
  const [row] = await db
    .select({ email: sql<string>`coalesce(${users.emailAsTyped}, ${users.email})`, createdAt: users.createdAt, role: users.role, newsletter: subscriptions.status })
    .from(users)
    .leftJoin(subscriptions, eq(subscriptions.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { ...row, newsletter: row.newsletter ?? "none" } : null;
}
