import "server-only";
import { codeBudgets, describeWait, overLimit, spend } from "./rate-limits";
import { useCode } from "./sign-in-tokens";
import type { NewSession } from "./sessions";
import { NO_CONTEXT, type ConsentContext } from "@/lib/newsletter/consent";

export type CodeResult =
  | { ok: true; session: NewSession; callbackUrl: string }
  | { ok: false; error: "wrong_code" | "rate_limited"; message: string; retryAfterSeconds?: number };

/**
 * The one answer to a code that signs nobody in: the same whether the address has a live
 * code or not, whether it was mistyped, used or expired, and with no count of tries left.
 */
export const CODE_NOT_ACCEPTED =
  "That code did not work. Check that it is the code from the latest email, typed in the browser that asked for it (codes last 15 minutes), or use the link in the email.";

/**
 * A 6-digit code typed in the browser that asked for it. Every try is counted before the
 * code is compared: per client and network, and per (address, browser key) — the only
 * tries that can match, since codes are stored hashed with the asking browser's key. A
 * stranger elsewhere has no key: their guesses match nothing and spend only their own
 * budgets, never the owner's.
 */
export async function redeemCode(email: string, input: unknown, ip: string, deviceKey: string | null, context: ConsentContext = NO_CONTEXT): Promise<CodeResult> {
  const code = typeof input === "string" ? input.replace(/[\s-]/g, "") : "";
  const budgets = codeBudgets(email, ip, deviceKey);
  const spent = await spend([...budgets.client, ...budgets.device]);
  const fromHere = overLimit(spent.slice(0, budgets.client.length));
  if (fromHere) {
    return {
      ok: false,
      error: "rate_limited",
      message: `Too many codes were tried from your network. Please try again ${describeWait(fromHere.retryAfterSeconds)}, or use the link in the email.`,
      retryAfterSeconds: fromHere.retryAfterSeconds,
    };
  }
  const inThisBrowser = overLimit(spent.slice(budgets.client.length));
  if (inThisBrowser) {
    return {
      ok: false,
      error: "rate_limited",
      message: `Too many codes were tried for this address here. Use the link in the email, or try a code again ${describeWait(inThisBrowser.retryAfterSeconds)}.`,
      retryAfterSeconds: inThisBrowser.retryAfterSeconds,
    };
  }
  const result = deviceKey && /^\d{6}$/.test(code) ? await useCode(email, code, deviceKey, context) : null;
  if (result) return result;
  return { ok: false, error: "wrong_code", message: CODE_NOT_ACCEPTED };
}
