import "server-only";
import { metrics } from "@/lib/metrics/registry";
import { sql } from "drizzle-orm";
import { countFunnel } from "@/lib/insight/counts";
import { countForVariant } from "@/lib/experiments/counts";
import type { Referral } from "@/lib/insight/source";
import { runPrepared } from "@/lib/db/client";
import { env } from "@/lib/config/env";
import { safeCallbackPath } from "./callback-url";
import { checkEmail } from "./email-address";
import { describeWait, overLimit, signInBudgets, spendStatement, spentFrom, type Spent } from "./rate-limits";
import { issueSignIn } from "./sign-in-tokens";
import { NO_CONTEXT, type ConsentContext } from "@/lib/newsletter/consent";
import { gateConsentSentence } from "@/lib/newsletter/consent-words";
import { defaultNewsletters } from "@/lib/newsletter/newsletters";

/**
 * The one door to a sign-in mail: the gate, /signin and "Email me a new link" all come
 * here (Auth.js's own email endpoints do not exist). Address screening, the honeypot
 * and the budgets hold for every one of them.
 */
export type SignInRequestInput = {
  email: unknown;
  /** The consent box: the newsletters offered by default. */
  newsletter: boolean;
  /** Newsletters ticked by id. */
  newsletterIds?: number[];
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
  /** The gift link the reader joined from (lib/gifts found it valid for this article), if any. */
  giftId?: number | null;
  /** The reader's variant of the running wall experiment (lib/experiments), if any. */
  variant?: { experimentId: number; variant: number } | null;
  /** The request's network and user agent, kept as proof of a newsletter opt-in. */
  consent?: ConsentContext;
  /** The asking browser's key (lib/auth/device-key.ts): the code works only with it. */
  deviceKey?: string | null;
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

const refusedBy = (s: Spent, message: string): SignInRequestResult => ({
  ok: false,
  error: "rate_limited",
  message: message.replace("{wait}", describeWait(s.retryAfterSeconds)),
  retryAfterSeconds: s.retryAfterSeconds,
});

/** The first budget spent, narrowest network first, then the address, then the site's ceiling. */
function refusal(fromHere: Spent[], forAddress: Spent[], newAddress: Spent): SignInRequestResult | null {
  const network = overLimit(fromHere);
  if (network) return refusedBy(network, "Too many sign-in emails were asked for from your network. Please try again {wait}.");
  const address = overLimit(forAddress);
  if (address) {
    return refusedBy(
      address,
      "We have already sent several emails to this address. The links and codes in them still work: check your inbox (and spam folder). You can ask for a new one {wait}.",
    );
  }
  if (newAddress.points > newAddress.limit) {
    return refusedBy(newAddress, "So many people are joining right now that we are taking new sign-ups more slowly. Please try again {wait}. Members can sign in as usual.");
  }
  return null;
}

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
    // A member (confirmed, imported, an editor) never spends the site's ceiling on new addresses.
    const isNewAddress = sql`NOT EXISTS (SELECT 1 FROM "user" WHERE email = ${checked.email}::text
      AND ("emailVerified" IS NOT NULL OR imported_at IS NOT NULL OR role = 'editor'))`;
    const { network, address, newAddress } = signInBudgets(checked.email, input.ip, env.newAddressHourlyCap, isNewAddress);
    const perRequest = [...network, ...address];
    const budgets = [...perRequest, newAddress];
    const articleOk = sql`(${slug}::text IS NULL OR EXISTS (SELECT 1 FROM article))`;
    // The site's ceiling is spent only by a request its other budgets let through: one
    // network's refused requests must not use up the site's new joins.
    const noneOver = sql.join(perRequest.map((b) => sql`(key = ${b.key}::text AND points > ${b.limit}::int)`), sql` OR `);
    // Nothing is spent for an article that does not exist: bad input changes nothing.
    const rows = await runPrepared<LimitRow>(sql`
      WITH article AS (SELECT id, title FROM article WHERE slug = ${slug}::text AND status = 'published'),
      spent AS (${spendStatement(perRequest, articleOk)}),
      spent_new AS (${spendStatement([newAddress], sql`${articleOk} AND NOT EXISTS (SELECT 1 FROM spent WHERE ${noneOver})`)})
      SELECT key, points, wait, NULL::int AS id, NULL::text AS title FROM spent
      UNION ALL SELECT key, points, wait, NULL, NULL FROM spent_new
      UNION ALL SELECT NULL, NULL, NULL, id, title FROM article`);
    const article = rows.find((r) => r.id !== null);
    if (slug !== null && !article) return fail("unknown_article");
    const spent = spentFrom(
      budgets,
      rows.filter((r): r is LimitRow & { key: string; points: number; wait: number } => r.key !== null),
    );
    const refused = refusal(spent.slice(0, network.length), spent.slice(network.length, -1), spent[spent.length - 1]);
    if (refused) return refused;
    const callbackUrl = safeCallbackPath(input.callbackUrl, slug ? `/articles/${slug}` : "/");
    const issued = await issueSignIn({
      email: checked.email,
      asTyped: checked.asTyped,
      callbackUrl,
      article: article ? { id: article.id!, title: article.title! } : null,
      newsletterConsent: input.newsletter,
      newsletterIds: input.newsletterIds,
      joining: input.joining,
      source: input.source ?? null,
      referral: input.referral ?? null,
      giftId: input.giftId ?? null,
      variant: input.variant ?? null,
      consent: {
        ...(input.consent ?? NO_CONTEXT),
        // The box's words as the gate showed them: the newsletters offered by default, by name.
        sentence: input.newsletter ? gateConsentSentence(env.siteName, (await defaultNewsletters()).map((n) => n.name)) : "",
      },
      deviceKey: input.deviceKey ?? null,
    });
    if (issued.firstJoin && article) countFunnel(article.id!, input.referral ?? null, { joins: 1 });
    if (issued.firstJoin && article && input.variant) countForVariant(input.variant.experimentId, input.variant.variant, "joins");
    if (issued.firstJoin) metrics().joins.inc({ way: input.source ?? (article ? "gate" : "signin") });
    return { ok: true, email: checked.asTyped, callbackUrl };
  } catch (err) {
    console.error(`[signin] request for a sign-in mail failed: ${(err as Error)?.message ?? String(err)}`);
    return fail("unavailable");
  }
}
