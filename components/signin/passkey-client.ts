// The browser's half of passkeys (SimpleWebAuthn's browser package): ask Lede for a
// challenge, let the browser and authenticator answer it, send the answer back.
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";

/** `asked`: the browser's prompt was reached (false: Lede gave no challenge, say under a budget). */
export type PasskeyOutcome = { ok: true; redirectTo?: string; name?: string } | { ok: false; message: string | null; asked?: boolean };

type Answer = { ok?: boolean; options?: unknown; message?: string; redirectTo?: string; name?: string };

async function post(path: string, body?: unknown): Promise<{ status: number; answer: Answer }> {
  const res = await fetch(path, {
    method: "POST",
    headers: { Accept: "application/json", "Content-Type": "application/json" },
    credentials: "same-origin",
    body: JSON.stringify(body ?? {}),
  });
  return { status: res.status, answer: (await res.json().catch(() => ({}))) as Answer };
}

/** What to tell the reader when the browser's prompt ended without a passkey (null: they cancelled). */
function browserMessage(err: unknown, action: "sign in" | "add"): string | null {
  const name = err instanceof WebAuthnError ? (err.cause as Error | undefined)?.name : (err as Error | undefined)?.name;
  if (name === "NotAllowedError" || name === "AbortError") return null;
  if (name === "InvalidStateError" && action === "add") return "This device already has a passkey for your account.";
  return action === "add" ? "Your browser could not make a passkey. Please try again." : "Your browser could not use a passkey. Please try again, or use your email address.";
}

/**
 * Signs in with a passkey: the browser's own prompt, or (`autofill`) the passkeys the
 * browser offers in the email field's autofill, waiting until the reader picks one.
 */
export async function passkeySignIn(callbackUrl: string, autofill = false): Promise<PasskeyOutcome> {
  try {
    const { status, answer } = await post("/signin/passkey/options");
    if (status !== 200 || !answer.options) return { ok: false, message: answer.message ?? "Please try again in a moment.", asked: false };
    const response = await startAuthentication({ optionsJSON: answer.options as Parameters<typeof startAuthentication>[0]["optionsJSON"], useBrowserAutofill: autofill });
    const done = await post("/signin/passkey", { response, callbackUrl });
    if (done.status === 200 && done.answer.redirectTo) return { ok: true, redirectTo: done.answer.redirectTo };
    return { ok: false, message: done.answer.message ?? "Please try again in a moment." };
  } catch (err) {
    if (err instanceof TypeError) return { ok: false, message: "Please check your connection and try again." };
    return { ok: false, message: browserMessage(err, "sign in") };
  }
}

/** Adds a passkey to the signed-in reader's account. */
export async function addPasskey(): Promise<PasskeyOutcome> {
  try {
    const { status, answer } = await post("/account/passkeys/options");
    if (status !== 200 || !answer.options) return { ok: false, message: answer.message ?? "Please try again in a moment." };
    const response = await startRegistration({ optionsJSON: answer.options as Parameters<typeof startRegistration>[0]["optionsJSON"] });
    const done = await post("/account/passkeys", { response });
    if (done.status === 200) return { ok: true, name: done.answer.name };
    return { ok: false, message: done.answer.message ?? "Please try again in a moment." };
  } catch (err) {
    if (err instanceof TypeError) return { ok: false, message: "Please check your connection and try again." };
    return { ok: false, message: browserMessage(err, "add") };
  }
}
