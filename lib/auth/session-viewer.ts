import "server-only";
import { and, eq, gt } from "drizzle-orm";
import type { Viewer } from "@/lib/access/viewer";
import { db } from "@/lib/db/client";
import { sessions, users } from "@/lib/db/schema";
import { sessionHash } from "./adapter";

/**
 * The viewer behind a session cookie value, in one query: what Auth.js's auth() finds,
 * without its request round trip. Used before rendering, to pick the cached render a
 * request may get (server.js); an unknown or expired session is anonymous.
 */
export async function viewerForSessionCookie(value: string): Promise<Viewer> {
  const [row] = await db
    .select({ userId: users.id, email: users.email, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sessionHash(value)), gt(sessions.expires, new Date())))
    .limit(1);
  if (!row) return { kind: "anonymous" };
  return { kind: row.role === "editor" ? "editor" : "member", userId: row.userId, email: row.email };
}
