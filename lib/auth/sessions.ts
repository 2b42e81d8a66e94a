import "server-only";
import { eq, and, sql } from "drizzle-orm";
import type { Executor } from "@/lib/db/client";
import { db } from "@/lib/db/client";
import { sessions, signIns, subscriptions, users } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { sessionHash } from "./adapter";
import { randomToken } from "./crypto";
import { SESSION_MAX_AGE_SECONDS } from "./session-cookie";

export type NewSession = { token: string; expires: Date; userId: string };

/**
 * Signs an address in: the account is made if need be, marked verified, its pending
 * newsletter consent confirmed (double opt-in), EDITOR_EMAILS promoted, the sign-in
 * recorded, and a session created whose cookie value is returned (only its hash is kept).
 */
export async function startSession(tx: Executor, email: string, method: "link" | "code"): Promise<NewSession> {
  const now = new Date();
  const editor = env.editorEmails.includes(email.toLowerCase());
  const [user] = await tx
    .insert(users)
    .values({ email, emailVerified: now, lastSignInAt: now, role: editor ? "editor" : "reader" })
    .onConflictDoUpdate({
      target: users.email,
      set: {
        emailVerified: sql`coalesce(${users.emailVerified}, now())`,
        lastSignInAt: now,
        ...(editor ? { role: "editor" as const } : {}),
      },
    })
    .returning({ id: users.id });
  await tx
    .update(subscriptions)
    .set({ status: "active", confirmedAt: now })
    .where(and(eq(subscriptions.userId, user.id), eq(subscriptions.status, "pending")));
  await tx.insert(signIns).values({ userId: user.id, method });
  const token = randomToken(32);
  const expires = new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  await tx.insert(sessions).values({ sessionToken: sessionHash(token), userId: user.id, expires });
  return { token, expires, userId: user.id };
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
