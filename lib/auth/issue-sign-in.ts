import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { joins, signinCodes, subscriptions, users, verificationTokens } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { mailOutbox } from "@/lib/mail/outbox";
import { signInMail } from "@/lib/mail/templates/signin";
import { keyedHash, randomCode } from "./crypto";

/** What the join form knew that Auth.js's email flow does not carry. */
export type SignInContext = {
  articleId: number | null;
  articleTitle: string | null;
  newsletterConsent: boolean;
  callbackUrl: string;
  /** Set when the reader pressed "Join" (as opposed to "Sign in"). */
  joining: boolean;
};

export const signInContext = new AsyncLocalStorage<SignInContext>();

export const CODE_LIFETIME_MS = 15 * 60 * 1000;
export const linkHash = (token: string) => keyedHash("link", token);
export const codeHash = (email: string, code: string) => keyedHash("code", `${email}\0${code}`);

export function verifyUrl(email: string, token: string, callbackUrl: string): string {
  const params = new URLSearchParams({ token, email, callbackUrl });
  return `${env.siteUrl}/signin/verify?${params}`;
}

/**
 * Auth.js's Nodemailer provider calls this with a fresh token. Lede writes the account,
 * the join, the pending newsletter consent, the hashed token, the hashed code and the
 * queued mail in one transaction: all of them or none.
 */
export async function sendVerificationRequest(params: { identifier: string; token: string; expires: Date }) {
  const email = params.identifier;
  const ctx: SignInContext = signInContext.getStore() ?? {
    articleId: null,
    articleTitle: null,
    newsletterConsent: false,
    callbackUrl: "/",
    joining: false,
  };
  const code = randomCode();
  const tokenHash = linkHash(params.token);
  const outbox = await mailOutbox();
  await db.transaction(async (tx) => {
    // Insert-or-find in one statement: two requests for a new address at once both succeed.
    const [created] = await tx
      .insert(users)
      .values({ email, joinedFromArticleId: ctx.articleId })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    const isNewAccount = Boolean(created);
    const userId =
      created?.id ?? (await tx.select({ id: users.id }).from(users).where(eq(users.email, email)).limit(1))[0].id;
    if (ctx.joining) {
      await tx.insert(joins).values({ userId, articleId: ctx.articleId, newsletterConsent: ctx.newsletterConsent });
    }
    if (ctx.newsletterConsent) {
      // Double opt-in: consent waits as "pending" until the address is confirmed by signing in.
      await tx
        .insert(subscriptions)
        .values({ userId, status: "pending", source: ctx.articleId ? "gate" : "signin" })
        .onConflictDoNothing();
      await tx
        .update(subscriptions)
        .set({ status: "pending", consentAt: new Date(), unsubscribedAt: null })
        .where(and(eq(subscriptions.userId, userId), eq(subscriptions.status, "unsubscribed")));
    }
    await tx.insert(verificationTokens).values({ identifier: email, token: tokenHash, expires: params.expires });
    await tx.insert(signinCodes).values({
      email,
      codeHash: codeHash(email, code),
      tokenHash,
      expires: new Date(Date.now() + CODE_LIFETIME_MS),
    });
    await outbox.enqueue(
      tx,
      signInMail({
        to: email,
        siteName: env.siteName,
        link: verifyUrl(email, params.token, ctx.callbackUrl),
        code,
        articleTitle: ctx.articleTitle,
        isNewAccount,
      }),
    );
  });
}
