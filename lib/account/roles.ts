import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";

/** Makes (or creates) an editor account for this address. */
export async function makeEditor(email: string): Promise<{ created: boolean }> {
  const [row] = await db
    .insert(users)
    .values({ email, role: "editor" })
    .onConflictDoUpdate({ target: users.email, set: { role: "editor" } })
    .returning({ created: sql<boolean>`(xmax = 0)` });
  return { created: row.created };
}
