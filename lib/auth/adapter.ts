import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import { getDb } from "@/lib/db/client";
import { accounts, sessions, users, verificationTokens } from "@/lib/db/schema";
import { keyedHash } from "./crypto";

export const sessionHash = (cookieValue: string) => keyedHash("session", cookieValue);

/**
 * Auth.js's Drizzle adapter, storing only a keyed hash of each session cookie, and
 * leaving verification tokens to Lede's sign-in module (which writes them together
 * with the queued mail, in one transaction).
 */
export function ledeAdapter(): Adapter {
  const base = DrizzleAdapter(getDb() as never, {
    // The tables carry extra columns (role, timestamps) that the adapter ignores.
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
    verificationTokensTable: verificationTokens,
  } as never) as Required<Adapter>;
  return {
    ...base,
    createSession: (s) => base.createSession({ ...s, sessionToken: sessionHash(s.sessionToken) }),
    getSessionAndUser: (token) => base.getSessionAndUser(sessionHash(token)),
    updateSession: (s) => base.updateSession({ ...s, sessionToken: sessionHash(s.sessionToken) }),
    deleteSession: (token) => base.deleteSession(sessionHash(token)),
    // Written by lib/auth/issue-sign-in.ts inside the join transaction instead.
    createVerificationToken: async (t) => t,
    // Auth.js's own GET callback must never consume a link: only Lede's POST does.
    useVerificationToken: async () => null,
  };
}
