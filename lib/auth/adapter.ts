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
  const base = DrizzleAdapter(getDb(), {
    // The tables carry extra columns (role, timestamps) that the adapter ignores.
    usersTable: users,
    accountsTable: accounts,
    sessionsTable: sessions,
  }) as Required<Adapter>;
  const notHere = (what: string) => async (): Promise<never> => {
    throw new Error(`Auth.js may not ${what}: Lede signs readers in itself (lib/auth/sign-in-tokens.ts)`);
  };
  return {
    // Auth.js checks that a database-session adapter has these; no route reaches them.
    ...base,
    createUser: notHere("create accounts"),
    updateUser: notHere("change accounts"),
    linkAccount: notHere("link accounts"),
    createSession: notHere("start sessions"),
    createVerificationToken: notHere("issue sign-in links"),
    useVerificationToken: notHere("use sign-in links"),
    getSessionAndUser: (token) => base.getSessionAndUser(sessionHash(token)),
    deleteSession: (token) => base.deleteSession(sessionHash(token)),
    updateSession: (s) => base.updateSession({ ...s, sessionToken: sessionHash(s.sessionToken) }),
  };
}
