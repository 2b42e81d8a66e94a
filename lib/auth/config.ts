import "server-only";
import type { NextAuthConfig } from "next-auth";
import Nodemailer from "next-auth/providers/nodemailer";
import { env } from "@/lib/env";
import { ledeAdapter } from "./adapter";
import { authSecret } from "./secret";
import { secureCookies, sessionCookieName, SESSION_MAX_AGE_SECONDS } from "./session-cookie";
import { sendVerificationRequest } from "./issue-sign-in";
import { normaliseEmail } from "./email-address";

declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; role: "reader" | "editor"; name?: string | null };
  }
  interface User {
    role?: "reader" | "editor";
  }
}

/** Built on first use, not at import: `next build` must never open the database. */
export function authConfig(): NextAuthConfig {
  return {
    adapter: ledeAdapter(),
    secret: authSecret(),
    trustHost: true,
    basePath: "/api/auth",
    session: { strategy: "database", maxAge: SESSION_MAX_AGE_SECONDS, updateAge: 24 * 60 * 60 },
    useSecureCookies: secureCookies(),
    cookies: {
      sessionToken: {
        name: sessionCookieName(),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure: secureCookies() },
      },
    },
    providers: [
      Nodemailer({
        // Mail never goes out from here: sendVerificationRequest queues it.
        server: env.emailServer ?? "smtp://127.0.0.1:25",
        from: env.emailFrom,
        maxAge: 24 * 60 * 60,
        sendVerificationRequest,
        normalizeIdentifier: (identifier) => {
          const email = normaliseEmail(identifier);
          if (!email) throw new Error("Invalid email address");
          return email;
        },
      }),
    ],
    pages: { signIn: "/signin", verifyRequest: "/signin/check", error: "/signin" },
    callbacks: {
      session({ session, user }) {
        const u = user as { id: string; email: string; role?: "reader" | "editor"; name?: string | null };
        return {
          ...session,
          user: { id: u.id, email: u.email, role: u.role ?? "reader", name: u.name ?? null },
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
