import "server-only";
import { describeWait, overLimit, signInNetworkBudgets, spend } from "./rate-limits";

export type AttemptVerdict = { ok: true } | { ok: false; message: string; retryAfterSeconds: number };

/**
 * A sign-in that needs no mail (a passkey, an identity provider) spends the same per-client
 * budget as asking for a sign-in mail: one door, one limit per network, however it signs in.
 */
export async function spendSignInAttempt(ip: string): Promise<AttemptVerdict> {
  // The email door's budgets per network (client, /56, /24 or /48), whatever the address.
  const spent = overLimit(await spend(signInNetworkBudgets(ip)));
  if (!spent) return { ok: true };
  return {
    ok: false,
    message: `Too many sign-ins were tried from your network. Please try again ${describeWait(spent.retryAfterSeconds)}.`,
    retryAfterSeconds: spent.retryAfterSeconds,
  };
}
