import "server-only";
import { generateRegistrationOptions, verifyRegistrationResponse, type PublicKeyCredentialCreationOptionsJSON, type RegistrationResponseJSON } from "@simplewebauthn/server";
import { and, eq, sql } from "drizzle-orm";
import { db, runPrepared } from "@/lib/db/client";
import { passkeys, users } from "@/lib/db/schema";
import { challengeOf, storeChallenge, takeChallenge } from "./challenges";
import { passkeyName } from "./name";
import { relyingParty } from "./relying-party";

/** A reader may keep this many passkeys (phones, laptops, security keys). */
export const MAX_PASSKEYS = 20;

/** The WebAuthn user handle of an account: its id's bytes (no address, nothing personal). */
export const userHandle = (userId: string) => new TextEncoder().encode(userId);

export type Member = { userId: string; email: string };

/** What the browser needs to make a passkey for a signed-in reader, or null when refused. */
export async function registrationOptions(member: Member, ip: string): Promise<PublicKeyCredentialCreationOptionsJSON | null> {
  const rp = relyingParty();
  const existing = await db.select({ id: passkeys.id, transports: passkeys.transports }).from(passkeys).where(eq(passkeys.userId, member.userId));
  const options = await generateRegistrationOptions({
    rpName: rp.name,
    rpID: rp.id,
    userName: member.email,
    userDisplayName: member.email,
    userID: userHandle(member.userId),
    attestationType: "none",
    // A device that already holds one of this account's passkeys is told so by the browser.
    excludeCredentials: existing.map((p) => ({ id: p.id, transports: p.transports as AuthenticatorTransport[] })),
    authenticatorSelection: { residentKey: "required", userVerification: "required" },
    // ES256 and RS256: every platform authenticator signs with one of them.
    supportedAlgorithmIDs: [-7, -257],
  });
  return (await storeChallenge(options.challenge, "register", ip, member.userId)) ? options : null;
}

export type RegisterResult = { ok: true; name: string } | { ok: false; message: string };

/**
 * Checks the browser's new passkey against the challenge Lede gave this account (used up
 * here, whatever the outcome), this site's origin and relying party ID, with the user
 * verified, and stores its public key, counter and backup flags.
 */
export async function finishRegistration(member: Member, response: unknown, userAgent: string | null): Promise<RegisterResult> {
  const refused = { ok: false as const, message: "That passkey could not be added. Please try again." };
  const challenge = challengeOf(response);
  if (!challenge || !(await takeChallenge(challenge, "register", member.userId))) {
    return { ok: false, message: "This request has expired. Please try again." };
  }
  const rp = relyingParty();
  let info;
  try {
    const verified = await verifyRegistrationResponse({
      response: response as RegistrationResponseJSON,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.id,
      requireUserVerification: true,
    });
    if (!verified.verified || !verified.registrationInfo) return refused;
    info = verified.registrationInfo;
  } catch (err) {
    console.warn(`[passkey] registration refused: ${(err as Error).message}`);
    return refused;
  }
  const name = passkeyName(userAgent);
  const added = await runPrepared<{ id: string }>(sql`
    INSERT INTO passkey (id, user_id, public_key, counter, transports, device_type, backed_up, aaguid, name)
    SELECT ${info.credential.id}, ${member.userId}, ${Buffer.from(info.credential.publicKey).toString("base64url")},
           ${info.credential.counter}, ${JSON.stringify(info.credential.transports ?? [])}::jsonb,
           ${info.credentialDeviceType}, ${info.credentialBackedUp}, ${info.aaguid}, ${name}
    WHERE (SELECT count(*) FROM passkey WHERE user_id = ${member.userId}) < ${MAX_PASSKEYS}
      AND EXISTS (SELECT 1 FROM "user" WHERE id = ${member.userId})
    ON CONFLICT (id) DO NOTHING
    RETURNING id`);
  if (added.length === 0) {
    return { ok: false, message: `That passkey could not be added: it is already registered, or you have ${MAX_PASSKEYS} passkeys.` };
  }
  return { ok: true, name };
}

export type PasskeyRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null; backedUp: boolean };

/** The passkeys of an account, newest first, for /account. */
export function listPasskeys(userId: string): Promise<PasskeyRow[]> {
  return db
    .select({ id: passkeys.id, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt, backedUp: passkeys.backedUp })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(sql`${passkeys.createdAt} DESC`);
}

/** Removes one of the account's own passkeys; true when one was removed. */
export async function removePasskey(userId: string, id: unknown): Promise<boolean> {
  if (typeof id !== "string" || id.length === 0 || id.length > 1400) return false;
  const gone = await db.delete(passkeys).where(and(eq(passkeys.userId, userId), eq(passkeys.id, id))).returning({ id: passkeys.id });
  return gone.length === 1;
}

/** Whether an account exists still (a deleted one keeps no passkeys: they cascade). */
export async function accountExists(userId: string): Promise<boolean> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
  return Boolean(row);
}
