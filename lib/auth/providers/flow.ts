import "server-only";
import { Auth, raw, skipCSRFCheck, type AuthConfig } from "@auth/core";
import Google from "@auth/core/providers/google";
import type { OIDCConfig } from "@auth/core/providers";
import type { Profile } from "@auth/core/types";
import { env } from "@/lib/config/env";
import { authSecret } from "../secret";
import { secureCookies } from "../session-cookie";
import type { NewSession } from "../sessions";
import type { ProviderChoice } from "./configured";
import { providerSignIn, type ProviderVerdict } from "./sign-in";

/** Where Auth.js's provider flow lives: only its start (internal) and callback are reachable. */
export const PROVIDER_BASE_PATH = "/signin/provider";

/** State, PKCE and nonce: all three, for every provider. */
const CHECKS: ("pkce" | "state" | "nonce")[] = ["pkce", "state", "nonce"];

function providerConfig(id: ProviderChoice["id"]) {
  if (id === "google" && env.google) {
    return Google({ clientId: env.google.clientId, clientSecret: env.google.clientSecret, checks: CHECKS });
  }
  if (id === "oidc" && env.oidc) {
    const oidc: OIDCConfig<Profile> = {
      id: "oidc",
      name: env.oidc.label,
      type: "oidc",
      issuer: env.oidc.issuer,
      clientId: env.oidc.clientId,
      clientSecret: env.oidc.clientSecret,
      checks: CHECKS,
      // The profile comes from the userinfo endpoint (after the ID token and its nonce are
      // checked): providers differ on whether the ID token itself carries the email claims.
      idToken: false,
    };
    return oidc;
  }
  return null;
}

type Outcome = { verdict: ProviderVerdict | null };

/** Auth.js for one provider flow, deciding the sign-in through Lede's door (providerSignIn). */
function flowConfig(id: ProviderChoice["id"], ip: string, callbackUrl: string, outcome: Outcome): AuthConfig {
  const provider = providerConfig(id);
  if (!provider) throw new Error(`provider ${id} is not configured`);
  return {
    basePath: PROVIDER_BASE_PATH,
    secret: authSecret(),
    trustHost: true,
    useSecureCookies: secureCookies(),
    providers: [provider],
    session: { strategy: "jwt" },
    pages: { signIn: "/signin", error: "/signin" },
    callbacks: {
      // Never lets Auth.js make an account or a session: Lede's door decides and starts it,
      // and the answer is always a redirect Lede chose.
      async signIn({ profile }) {
        outcome.verdict = await providerSignIn(id, profile ?? null, ip, callbackUrl);
        return outcome.verdict.redirectTo;
      },
      redirect: ({ url }) => url,
    },
    logger: {
      error: (e) => console.error(`[provider] ${e.name}: ${e.message}${e.cause ? ` (${JSON.stringify(e.cause).slice(0, 300)})` : ""}`),
      warn: () => {},
      debug: () => {},
    },
  };
}

type RawAnswer = { redirect?: string; cookies?: { name: string; value: string; options?: Record<string, unknown> }[] };

/** Starts a provider sign-in: the provider's authorization URL, and the state, PKCE and nonce cookies. */
export async function startProviderFlow(id: ProviderChoice["id"], ip: string): Promise<RawAnswer> {
  const req = new Request(`${env.siteUrl}${PROVIDER_BASE_PATH}/signin/${id}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ callbackUrl: env.siteUrl }),
  });
  return (await Auth(req, { ...flowConfig(id, ip, "/", { verdict: null }), raw, skipCSRFCheck })) as RawAnswer;
}

/**
 * The provider's return: Auth.js checks state, PKCE and nonce against this browser's cookies
 * and trades the code for tokens; Lede's door then decides. `session` when one was started.
 */
export async function finishProviderFlow(
  id: ProviderChoice["id"],
  search: string,
  cookieHeader: string | null,
  ip: string,
  callbackUrl: string,
): Promise<{ answer: RawAnswer; session: NewSession | null; redirectTo: string | null }> {
  const outcome: Outcome = { verdict: null };
  const req = new Request(`${env.siteUrl}${PROVIDER_BASE_PATH}/callback/${id}${search}`, {
    headers: cookieHeader ? { Cookie: cookieHeader } : {},
  });
  const answer = (await Auth(req, { ...flowConfig(id, ip, callbackUrl, outcome), raw })) as RawAnswer;
  const verdict = outcome.verdict as ProviderVerdict | null;
  return { answer, session: verdict?.session ?? null, redirectTo: verdict?.redirectTo ?? null };
}
