import "server-only";
import { sql } from "drizzle-orm";
import { runPrepared } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { safeCallbackPath } from "../callback-url";
import { checkEmail } from "../email-address";
import { startSessionFrom, type NewSession } from "../sessions";
import { spendSignInAttempt } from "../sign-in-attempt";

export type ProviderVerdict = { session: NewSession | null; redirectTo: string };

function refused(error: string, callbackUrl: string): ProviderVerdict {
  return { session: null, redirectTo: `/signin?${new URLSearchParams({ error, callbackUrl })}` };
}

/** `email_verified` as providers send it: a boolean, or (some) the string "true". */
const verified = (claim: unknown) => claim === true || claim === "true";

/**
 * A provider vouched for a profile (Auth.js checked state, PKCE, nonce and the ID token):
 * Lede's door decides. The account is the one of the provider's *verified* email address
 * (an unverified one could be anybody's, so it is refused); the address passes the same
 * screening as at the email door (blocked domains) and the sign-in the same per-network
 * budget; the session starts through the same steps as a used link, recorded as a
 * provider sign-in. A new account is asked about the newsletter on Lede's page next.
 */
export async function providerSignIn(provider: string, profile: { email?: unknown; email_verified?: unknown } | null, ip: string, callbackUrl: string): Promise<ProviderVerdict> {
  const back = safeCallbackPath(callbackUrl);
  if (!profile || typeof profile.email !== "string") return refused("provider_no_email", back);
  if (!verified(profile.email_verified)) return refused("provider_unverified", back);
  const checked = checkEmail(profile.email, env.blockedEmailDomains);
  if (!checked.ok) return refused(checked.reason === "blocked" ? "blocked_email" : "provider_no_email", back);
  const attempt = await spendSignInAttempt(ip);
  if (!attempt.ok) return refused("provider_rate_limited", back);
  // An existing account keeps the address as its owner typed it; a new one takes the provider's.
  const session = await startSessionFrom(
    sql`SELECT ${checked.email}::text AS email,
               coalesce((SELECT coalesce(email_as_typed, email) FROM "user" WHERE email = ${checked.email}), ${checked.asTyped}::text) AS sent_to`,
    "provider",
    provider,
  );
  if (!session) return refused("provider_failed", back);
  return { session, redirectTo: (await askAboutNewsletter(session.userId)) ? `/signin/newsletter?${new URLSearchParams({ callbackUrl: back })}` : back };
}

/**
 * Consent is asked, never assumed: an account whose first provider sign-in this is and that
 * has never answered about the newsletter gets Lede's question before the article.
 */
async function askAboutNewsletter(userId: string): Promise<boolean> {
  const [row] = await runPrepared<{ ask: boolean }>(sql`
    SELECT NOT EXISTS (SELECT 1 FROM subscription WHERE user_id = ${userId})
       AND (SELECT count(*) FROM sign_in WHERE user_id = ${userId} AND method = 'provider') = 1 AS ask`);
  return row?.ask === true;
}
