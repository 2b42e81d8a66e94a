import "server-only";
import { sql } from "drizzle-orm";
import { countFunnel } from "@/lib/insight/counts";
import type { Referral } from "@/lib/insight/source";
import { runPrepared } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { safeCallbackPath } from "./callback-url";
import { checkEmail } from "./email-address";
import { describeWait, signInBudgets, spendStatement, spentFrom } from "./rate-limits";
import { issueSignIn } from "./sign-in-tokens";

/**
 * The one door to a sign-in mail: the gate, /signin and "Email me a new link" all come
 * here (Auth.js's own email endpoints do not exist). Address screening, the honeypot
 * and the budgets hold for every one of them.
 */
export type SignInRequestInput = {
  email: unknown;
  newsletter: boolean;
  /** The article the reader is joining from, if any. */
  articleSlug: string | null;
  callbackUrl: unknown;
  /** A field people never see; bots fill it. */
  honeypot: unknown;
  ip: string;
  joining: boolean;
  /** The meter's form the reader joined from (its notice or its wall), if any. */
  source?: "meter-notice" | "meter-wall" | null;
  /** Where the reader came to the site from, for the desk's figures. */
  referral?: Referral | null;
};

export type SignInErrorCode = "invalid_email" | "blocked_email" | "unknown_article" | "rate_limited" | "unavailable";

export type SignInRequestResult =
  | { ok: true; email: string; callbackUrl: string }
  | { ok: false; error: SignInErrorCode; message: string; retryAfterSeconds?: number };

export const SIGN_IN_MESSAGES: Record<Exclude<SignInErrorCode, "rate_limited">, string> = {
  invalid_email: "Please enter a valid email address.",
  blocked_email: "Please use a permanent email address: we don't send sign-in links to this one.",
  unknown_article: "That article does not exist.",
  unavailable: "Please try again in a moment.",
};

export const HTTP_STATUS: Record<SignInErrorCode, number> = {
  invalid_email: 400,
  blocked_email: 400,
  unknown_article: 404,
  rate_limited: 429,
  unavailable: 503,
};

function fail(error: Exclude<SignInErrorCode, "rate_limited">): SignInRequestResult {
  return { ok: false, error, message: SIGN_IN_MESSAGES[error] };
}

type LimitRow = { key: string | null; points: number | null; wait: number | null; id: number | null; title: string | null };

/**
 * A reader asks for a sign-in mail (joining from an article, or signing in). Known and
 * unknown addresses take the same path and get the same answer: no enumeration. Two
 * round trips: the budgets (and the article) in one statement, then the sign-in itself.
 */
export async function requestSignIn(input: SignInRequestInput): Promise<SignInRequestResult> {
  const checked = checkEmail(input.email, env.blockedEmailDomains);
  if (!checked.ok) return fail(checked.reason === "blocked" ? "blocked_email" : "invalid_email");
  const slug = input.articleSlug;
  if (slug !== null && (slug.length > 200 || !/^[a-z0-9-]+$/.test(slug))) return fail("unknown_article");
  // A filled honeypot gets the same answer as a person, and nothing is sent or spent.
  if (typeof input.honeypot === "string" && input.honeypot.trim() !== "") {
    return { ok: true, email: checked.asTyped, callbackUrl: safeCallbackPath(input.callbackUrl, slug ? `/articles/${slug}` : "/") };
  }
  try {
    const budgets = signInBudgets(checked.email, input.ip);
    // Nothing is spent for an article that does not exist: bad input changes nothing.
    const rows = await runPrepared<LimitRow>(sql`
      WITH article AS (SELECT id, title FROM article WHERE slug = ${slug}::text AND status = 'published'),
      spent AS (${spendStatement(budgets, sql`${slug}::text IS NULL OR EXISTS (SELECT 1 FROM article)`)})
      SELECT key, points, wait, NULL::int AS id, NULL::text AS title FROM spent
      UNION ALL SELECT NULL, NULL, NULL, id, title FROM article`);
    const article = rows.find((r) => r.id !== null);
    if (slug !== null && !article) return fail("unknown_article");
    const [fromHere, ...forAddress] = spentFrom(
      budgets,
      rows.filter((r): r is LimitRow & { key: string; points: number; wait: number } => r.key !== null),
    );
    if (fromHere.points > fromHere.limit) {
      return {
        ok: false,
        error: "rate_limited",
        message: `Too many sign-in emails were asked for from your network. Please try again ${describeWait(fromHere.retryAfterSeconds)}.`,
        retryAfterSeconds: fromHere.retryAfterSeconds,
      };
    }
    const spentForAddress = forAddress.find((s) => s.points > s.limit);
    if (spentForAddress) {
      const wait = describeWait(spentForAddress.retryAfterSeconds);
      return {
        ok: false,
        error: "rate_limited",
        message: `We have already sent several emails to this address. The links and codes in them still work: check your inbox (and spam folder). You can ask for a new one ${wait}.`,
        retryAfterSeconds: spentForAddress.retryAfterSeconds,
      };
    }
    const callbackUrl = safeCallbackPath(input.callbackUrl, slug ? `/articles/${slug}` : "/");
    const issued = await issueSignIn({
      email: checked.email,
      asTyped: checked.asTyped,
      callbackUrl,
      article: article ? { id: article.id!, title: article.title! } : null,
      newsletterConsent: input.newsletter,
      joining: input.joining,
      source: input.source ?? null,
      referral: input.referral ?? null,
    });
    if (issued.firstJoin && article) countFunnel(article.id!, input.referral ?? null, { joins: 1 });
    return { ok: true, email: checked.asTyped, callbackUrl };
  } catch (err) {
    console.error(`[signin] request for a sign-in mail failed: ${(err as Error)?.message ?? String(err)}`);
    return fail("unavailable");
  }
}
