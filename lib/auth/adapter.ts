import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import { getDb } from "@/lib/db/client";
import { accounts, sessions, users } from "@/lib/db/schema";
import { sessionHash } from "./sessions";

/**
 * Auth.js's Drizzle adapter, for reading sessions only (auth()): each session cookie is
 * looked up by its keyed hash, the only form stored. Lede itself issues links, codes
 * and sessions (lib/auth/sign-in-tokens.ts), so nothing here creates users or tokens.
 */
export function ledeAdapter(): Adapter {
  const base = DrizzleAdapter(getDb() as never, {
    // The tables carry extra columns (role, timestamps) that the adapter ignores.
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
  } as never) as Required<Adapter>;
  return {
    getSessionAndUser: (token) => base.getSessionAndUser(sessionHash(token)),
    deleteSession: (token) => base.deleteSession(sessionHash(token)),
    updateSession: (s) => base.updateSession({ ...s, sessionToken: sessionHash(s.sessionToken) }),
    getUser: base.getUser,
  };
}
