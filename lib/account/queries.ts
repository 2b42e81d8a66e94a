import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { subscriptions, users } from "@/lib/db/schema";

export type AccountSummary = {
  email: string;
  createdAt: Date;
  role: "reader" | "editor";
  newsletter: "none" | "pending" | "active" | "unsubscribed" | "suppressed";
};

export async function accountSummary(userId: string): Promise<AccountSummary | null> {
  const [row] = await db
    .select({ email: sql<string>`coalesce(${users.emailAsTyped}, ${users.email})`, createdAt: users.createdAt, role: users.role, newsletter: subscriptions.status })
    .from(users)
    .leftJoin(subscriptions, eq(subscriptions.userId, users.id))
    .where(eq(users.id, userId))
    .limit(1);
  return row ? { ...row, newsletter: row.newsletter ?? "none" } : null;
}
