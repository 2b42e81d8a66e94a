import "server-only";
import { codeBudgets, describeWait, overLimit, spend } from "./rate-limits";
import { useCode } from "./sign-in-tokens";
import type { NewSession } from "./sessions";
import { NO_CONTEXT, type ConsentContext } from "@/lib/newsletter/consent";

export type CodeResult =
  | { ok: true; session: NewSession; callbackUrl: string }
  | { ok: false; error: "wrong_code" | "no_code" | "rate_limited"; message: string; retryAfterSeconds?: number };

/**
 * A 6-digit code typed on the device that asked. Every try is counted before the code
 * is compared, per client and per address across all of the address's live codes (and
 * atomically, however many tries race), so guessing stays hopeless whatever rotates.
 */
export async function redeemCode(email: string, input: unknown, ip: string, context: ConsentContext = NO_CONTEXT): Promise<CodeResult> {
  const code = typeof input === "string" ? input.replace(/[\s-]/g, "") : "";
  const spent = await spend(codeBudgets(email, ip));
  const [fromHere, ...forAddress] = spent;
  if (fromHere.points > fromHere.limit) {
    return {
      ok: false,
      error: "rate_limited",
      message: `Too many codes tried from your network. Please try again ${describeWait(fromHere.retryAfterSeconds)}.`,
      retryAfterSeconds: fromHere.retryAfterSeconds,
    };
  }
  const blocked = overLimit(forAddress);
  if (blocked) {
    return {
      ok: false,
      error: "no_code",
      message: `This code was tried too often. Use the link in the email instead, or try a code again ${describeWait(blocked.retryAfterSeconds)}.`,
    };
  }
  const result = /^\d{6}$/.test(code) ? await useCode(email, code, context) : ({ ok: false, error: "wrong_code" } as const);
  if (result.ok) return result;
  if (result.error === "no_code") {
    return { ok: false, error: "no_code", message: "This code has expired or was already used. Ask for a new email." };
  }
  const left = Math.min(...forAddress.map((s) => s.limit - s.points));
  return {
    ok: false,
    error: left > 0 ? "wrong_code" : "no_code",
    message:
      left > 0
        ? `That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`
        : "That code is not right, and codes can no longer be used for this address for now. Use the link in the email instead.",
  };
}

