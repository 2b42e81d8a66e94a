import "server-only";
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { passkeys } from "@/lib/db/schema";
import { startSessionFrom, type NewSession } from "../sessions";
import { spendSignInAttempt } from "../sign-in-attempt";
import { challengeOf, storeChallenge, takeChallenge } from "./challenges";
import { userHandle } from "./register";
import { relyingParty } from "./relying-party";

/** Options for "Sign in with a passkey" (and the email field's autofill): any of this site's passkeys. */
export async function authenticationOptions(ip: string): Promise<PublicKeyCredentialRequestOptionsJSON | null> {
  const rp = relyingParty();
  const options = await generateAuthenticationOptions({ rpID: rp.id, userVerification: "required" });
  return (await storeChallenge(options.challenge, "authenticate", ip)) ? options : null;
}

export type PasskeySignIn =
  | { ok: true; session: NewSession }
  | { ok: false; error: "rate_limited" | "expired" | "unknown_passkey" | "refused"; message: string; retryAfterSeconds?: number };

const REFUSED = "That passkey could not sign you in. Please try again, or use your email address.";

/**
 * A passkey's answer signs its owner in: under the sign-in budget of the client's network
 * (the email door's), against a challenge Lede issued (used up here, whatever the outcome,
 * so an answer replayed finds none), made on this site's origin for its relying party ID,
 * with the user verified and a signature by the stored public key. The counter moves only
 * forward (compare-and-set), and the session starts through the same steps as a used link.
 */
export async function signInWithPasskey(response: unknown, ip: string): Promise<PasskeySignIn> {
  const attempt = await spendSignInAttempt(ip);
  if (!attempt.ok) return { ok: false, error: "rate_limited", message: attempt.message, retryAfterSeconds: attempt.retryAfterSeconds };
  const challenge = challengeOf(response);
  if (!challenge || !(await takeChallenge(challenge, "authenticate"))) {
    return { ok: false, error: "expired", message: "This sign-in has expired or was already used. Please try again." };
  }
  const answer = response as AuthenticationResponseJSON;
  const id = typeof answer.id === "string" && answer.id.length <= 1400 ? answer.id : null;
  const [stored] = id ? await db.select().from(passkeys).where(eq(passkeys.id, id)).limit(1) : [];
  if (!stored) {
    return {
      ok: false,
      error: "unknown_passkey",
      message: "This passkey is not registered here any more. Sign in with your email address, then add a new passkey on your account page.",
    };
  }
  // The user handle, when the authenticator gives one, must name the passkey's own account.
  const handle = answer.response?.userHandle;
  if (handle && handle !== Buffer.from(userHandle(stored.userId)).toString("base64url")) return { ok: false, error: "refused", message: REFUSED };
  const rp = relyingParty();
  let info;
  try {
    const verified = await verifyAuthenticationResponse({
      response: answer,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      credential: { id: stored.id, publicKey: Buffer.from(stored.publicKey, "base64url"), counter: stored.counter, transports: stored.transports as AuthenticatorTransport[] },
      requireUserVerification: true,
    });
    if (!verified.verified) return { ok: false, error: "refused", message: REFUSED };
    info = verified.authenticationInfo;
  } catch (err) {
    console.warn(`[passkey] sign-in refused: ${(err as Error).message}`);
    return { ok: false, error: "refused", message: REFUSED };
  }
  const session = await startSessionFrom(
    sql`SELECT u.email, coalesce(u.email_as_typed, u.email) AS sent_to FROM used JOIN "user" u ON u.id = used.user_id`,
    "passkey",
    null,
    sql`used AS (
      UPDATE passkey SET counter = ${info.newCounter}, backed_up = ${info.credentialBackedUp},
        device_type = ${info.credentialDeviceType}, last_used_at = now()
      WHERE id = ${stored.id} AND counter = ${stored.counter}
      RETURNING user_id
    )`,
  );
  // No row: the passkey was removed, or another sign-in moved its counter, meanwhile.
  if (!session) return { ok: false, error: "refused", message: REFUSED };
  return { ok: true, session };
}
