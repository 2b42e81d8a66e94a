import "server-only";
import { env } from "@/lib/env";
import { findTeaser } from "@/lib/articles/queries";
import { safeCallbackPath } from "./callback-url";
import { checkEmail } from "./email-address";
import { signIn } from "./index";
import { signInContext } from "./issue-sign-in";
import { describeWait, signInBudgets, spend } from "./rate-limits";

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

/**
 * A reader asks for a sign-in link (joining from an article, or signing in). Known and
 * unknown addresses take the same path and get the same answer: no enumeration.
 */
export async function requestSignIn(input: SignInRequestInput): Promise<SignInRequestResult> {
  const checked = checkEmail(input.email, env.blockedEmailDomains);
  if (!checked.ok) return fail(checked.reason === "blocked" ? "blocked_email" : "invalid_email");
  const email = checked.email;
  try {
    let article: { id: number; title: string; slug: string } | null = null;
    if (input.articleSlug) {
      const found = await findTeaser(input.articleSlug);
      if (!found || found.status !== "published") return fail("unknown_article");
      article = found;
    }
    const fallback = article ? `/articles/${article.slug}` : "/";
    const callbackUrl = safeCallbackPath(input.callbackUrl, fallback);
    // A filled honeypot gets the same answer as a person, and nothing is sent.
    if (typeof input.honeypot === "string" && input.honeypot.trim() !== "") {
      return { ok: true, email, callbackUrl };
    }
    const budget = await spend(signInBudgets(email, input.ip));
    if (!budget.ok) {
      return {
        ok: false,
        error: "rate_limited",
        message: `Too many sign-in emails for now. Please try again ${describeWait(budget.retryAfterSeconds)}.`,
        retryAfterSeconds: budget.retryAfterSeconds,
      };
    }
    await signInContext.run(
      {
        articleId: article?.id ?? null,
        articleTitle: article?.title ?? null,
        newsletterConsent: input.newsletter,
        callbackUrl,
        joining: input.joining,
      },
      () => signIn("nodemailer", { email, redirect: false, redirectTo: callbackUrl }),
    );
    return { ok: true, email, callbackUrl };
  } catch (err) {
    const cause = (err as { cause?: { err?: Error } }).cause?.err ?? err;
    console.error(`[signin] request for a sign-in link failed: ${(cause as Error)?.message ?? String(cause)}`);
    return fail("unavailable");
  }
}
