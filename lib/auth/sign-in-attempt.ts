import "server-only";
import { describeWait, signInBudgets, spend } from "./rate-limits";

export type AttemptVerdict = { ok: true } | { ok: false; message: string; retryAfterSeconds: number };

/**
 * A sign-in that needs no mail (a passkey, an identity provider) spends the same per-client
 * budget as asking for a sign-in mail: one door, one limit per network, however it signs in.
 */
export async function spendSignInAttempt(ip: string): Promise<AttemptVerdict> {
  // The first of the email door's budgets is the one per client, whatever the address.
  const [perClient] = signInBudgets("", ip);
  const [spent] = await spend([perClient]);
  if (spent.points <= spent.limit) return { ok: true };
  return {
    ok: false,
    message: `Too many sign-ins were tried from your network. Please try again ${describeWait(spent.retryAfterSeconds)}.`,
    retryAfterSeconds: spent.retryAfterSeconds,
  };
}
