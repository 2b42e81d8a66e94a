import "server-only";
import type { NextAuthConfig } from "next-auth";
import { ledeAdapter } from "./adapter";
import { authSecret } from "./secret";
import { secureCookies, sessionCookieName, SESSION_MAX_AGE_SECONDS } from "./session-cookie";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; role: "reader" | "editor"; name?: string | null };
  }
  interface User {
    role?: "reader" | "editor";
    emailAsTyped?: string | null;
  }
}

/**
 * Auth.js reads the session of a request (auth()), and that is all it does here: no
 * providers and no route handler, so none of its endpoints (/api/auth/…) exist. Signing
 * in is Lede's one door (lib/auth/request-sign-in.ts). Built on first use, not at
 * import: `next build` must never open the database.
 */
export function authConfig(): NextAuthConfig {
  return {
    adapter: ledeAdapter(),
    secret: authSecret(),
    trustHost: true,
    providers: [],
    // Lede extends sessions itself, with their cookie (server.js): Auth.js's own update
    // could not set the cookie from a Server Component, so it never runs (updateAge = maxAge).
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: SESSION_MAX_AGE_SECONDS },
    useSecureCookies: secureCookies(),
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() },
      },
    },
    callbacks: {
      session({ session, user }) {
        return {
          ...session,
          user: { id: user.id, email: user.emailAsTyped ?? user.email, role: user.role ?? "reader", name: user.name ?? null },
        };
      },
    },
    logger: {
      error: (e) => console.error(`[auth] ${e.name}: ${e.message}`),
      warn: () => {},
      debug: () => {},
    },
  };
}
