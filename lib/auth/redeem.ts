import "server-only";
import { and, desc, eq, gt, inArray, lt, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { signinCodes, usedTokens, verificationTokens } from "@/lib/db/schema";
import { sameDigest } from "./crypto";
import { codeHash, linkHash } from "./issue-sign-in";
import { codeBudgets, describeWait, spend } from "./rate-limits";
import { startSession, type NewSession } from "./sessions";

export const MAX_CODE_ATTEMPTS = 5;

export type LinkState = "valid" | "used" | "expired" | "invalid";

/** What an emailed link would do, without using it (GET, HEAD and scanners land here). */
export async function inspectLink(email: string, token: string): Promise<LinkState> {
  if (!email || !token || token.length > 200) return "invalid";
  const hash = linkHash(token);
  const [row] = await db
    .select({ expires: verificationTokens.expires })
    .from(verificationTokens)
    .where(and(eq(verificationTokens.identifier, email), eq(verificationTokens.token, hash)))
    .limit(1);
  if (row) return row.expires.getTime() > Date.now() ? "valid" : "expired";
  const [used] = await db
    .select({ email: usedTokens.email })
    .from(usedTokens)
    .where(eq(usedTokens.tokenHash, hash))
    .limit(1);
  return used && used.email === email ? "used" : "invalid";
}

export type Redeemed = { ok: true; session: NewSession } | { ok: false; state: Exclude<LinkState, "valid"> };

/** The Continue button: uses the link once and signs in. */
export async function redeemLink(email: string, token: string): Promise<Redeemed> {
  if (!email || !token || token.length > 200) return { ok: false, state: "invalid" };
  const hash = linkHash(token);
  const redeemed = await db.transaction(async (tx): Promise<Redeemed | null> => {
    const [row] = await tx
      .delete(verificationTokens)
      .where(
        and(
          eq(verificationTokens.identifier, email),
          eq(verificationTokens.token, hash),
          gt(verificationTokens.expires, new Date()),
        ),
      )
      .returning({ expires: verificationTokens.expires });
    if (!row) return null;
    await tx.insert(usedTokens).values({ tokenHash: hash, email }).onConflictDoNothing();
    // The code from the same mail dies with the link.
    await tx.delete(signinCodes).where(eq(signinCodes.tokenHash, hash));
    return { ok: true, session: await startSession(tx, email, "link") };
  });
  if (redeemed) return redeemed;
  // Outside the transaction: PGlite's one connection is not shared with a transaction.
  const state = await inspectLink(email, token);
  return { ok: false, state: state === "valid" ? "used" : state };
}

export type CodeResult =
  | { ok: true; session: NewSession }
  | { ok: false; error: "wrong_code" | "no_code" | "rate_limited"; message: string; retryAfterSeconds?: number };

/** A 6-digit code typed on the device that asked. */
export async function redeemCode(email: string, input: unknown, ip: string): Promise<CodeResult> {
  const code = typeof input === "string" ? input.replace(/[\s-]/g, "") : "";
  const budget = await spend(codeBudgets(ip));
  if (!budget.ok) {
    return {
      ok: false,
      error: "rate_limited",
      message: `Too many codes tried. Please try again ${describeWait(budget.retryAfterSeconds)}.`,
      retryAfterSeconds: budget.retryAfterSeconds,
    };
  }
  return db.transaction(async (tx): Promise<CodeResult> => {
    const live = await tx
      .select()
      .from(signinCodes)
      .where(
        and(
          eq(signinCodes.email, email),
          gt(signinCodes.expires, new Date()),
          lt(signinCodes.attempts, MAX_CODE_ATTEMPTS),
        ),
      )
      .orderBy(desc(signinCodes.createdAt))
      .limit(10);
    if (live.length === 0) {
      return { ok: false, error: "no_code", message: "This code has expired or was tried too often. Ask for a new email." };
    }
    const wanted = /^\d{6}$/.test(code) ? codeHash(email, code) : "0".repeat(64);
    let match: (typeof live)[number] | undefined;
    for (const row of live) if (sameDigest(row.codeHash, wanted)) match = row;
    if (!match) {
      const ids = live.map((r) => r.id);
      const after = await tx
        .update(signinCodes)
        .set({ attempts: sql`${signinCodes.attempts} + 1` })
        .where(inArray(signinCodes.id, ids))
        .returning({ attempts: signinCodes.attempts });
      const left = MAX_CODE_ATTEMPTS - Math.max(...after.map((r) => r.attempts));
      return {
        ok: false,
        error: left > 0 ? "wrong_code" : "no_code",
        message:
          left > 0
            ? `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`
            : "That code is not right, and it can no longer be used. Ask for a new email.",
      };
    }
    await tx.delete(signinCodes).where(eq(signinCodes.id, match.id));
    await tx.delete(verificationTokens).where(eq(verificationTokens.token, match.tokenHash));
    await tx.insert(usedTokens).values({ tokenHash: match.tokenHash, email }).onConflictDoNothing();
    return { ok: true, session: await startSession(tx, email, "code") };
  });
}
