// Integration: passkey challenges (stored hashed, single-use, expiring, for one purpose and
// account) and what a passkey answer meets before any signature is checked.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { startSession } from "../sessions";
import { signInWithPasskey } from "./authenticate";
import { CHALLENGES_PER_HOUR, challengeOf, storeChallenge, takeChallenge } from "./challenges";
import { passkeyName } from "./name";

useTestDatabase();

let n = 0;
const freshIp = () => `10.31.${++n % 250}.9`;
const challenge = () => `challenge-${Date.now().toString(36)}-${++n}-abcdefghijklmnop`;
const answerFor = (c: string, id = "unknown-credential") => ({
  id,
  rawId: id,
  type: "public-key",
  response: { clientDataJSON: Buffer.from(JSON.stringify({ type: "webauthn.get", challenge: c, origin: "http://localhost:3000" })).toString("base64url") },
});

describe("challenges", () => {
  it("are stored as keyed hashes, and work once", async () => {
    const c = challenge();
    expect(await storeChallenge(c, "authenticate", freshIp())).toBe(true);
    const stored = rowsOf<{ challenge_hash: string }>(await db.execute(sql`select challenge_hash from webauthn_challenge`));
    expect(stored.map((r) => r.challenge_hash)).not.toContain(c);
    expect(await takeChallenge(c, "authenticate")).toBe(true);
    expect(await takeChallenge(c, "authenticate")).toBe(false);
  });

  it("expire, and are used up even when taken for the wrong purpose or account", async () => {
    const old = challenge();
    await storeChallenge(old, "authenticate", freshIp());
    await db.execute(sql`update webauthn_challenge set expires = now() - interval '1 second'`);
    expect(await takeChallenge(old, "authenticate")).toBe(false);

    const mine = await startSession(`owner-${n}@example.com`, "link");
    const reg = challenge();
    await storeChallenge(reg, "register", freshIp(), mine.userId);
    expect(await takeChallenge(reg, "authenticate")).toBe(false);
    expect(await takeChallenge(reg, "register", mine.userId)).toBe(false);

    const other = await startSession(`other-${n}@example.com`, "link");
    const theirs = challenge();
    await storeChallenge(theirs, "register", freshIp(), other.userId);
    expect(await takeChallenge(theirs, "register", mine.userId)).toBe(false);
  });

  it("are refused past a client's hourly budget, and nothing is stored then", async () => {
    const ip = freshIp();
    await db.execute(sql`insert into rate_limit (key, points, expire) values (${`webauthn:ip:${ip}`}, ${CHALLENGES_PER_HOUR}, now() + interval '1 hour')`);
    const c = challenge();
    expect(await storeChallenge(c, "authenticate", ip)).toBe(false);
    expect(await takeChallenge(c, "authenticate")).toBe(false);
  });

  it("are read from the answer's client data, and anything else is no challenge", () => {
    expect(challengeOf(answerFor("abc"))).toBe("abc");
    for (const bad of [null, {}, { response: {} }, { response: { clientDataJSON: "%%%" } }, { response: { clientDataJSON: "x".repeat(5000) } }]) {
      expect(challengeOf(bad)).toBeNull();
    }
    expect(() => takeChallenge("short", "authenticate")).not.toThrow();
  });
});

describe("a passkey answer", () => {
  it("without a live challenge is refused before anything else, and an unknown passkey says so", async () => {
    const ip = freshIp();
    expect(await signInWithPasskey(answerFor(challenge()), ip)).toMatchObject({ ok: false, error: "expired" });
    const c = challenge();
    await storeChallenge(c, "authenticate", ip);
    expect(await signInWithPasskey(answerFor(c), ip)).toMatchObject({ ok: false, error: "unknown_passkey" });
    // Its challenge went with the refused try.
    expect(await signInWithPasskey(answerFor(c), ip)).toMatchObject({ ok: false, error: "expired" });
  });

  it("spends the email door's per-client sign-in budget", async () => {
    const ip = freshIp();
    await db.execute(sql`insert into rate_limit (key, points, expire) values (${`signin:ip:${ip}`}, 30, now() + interval '1 hour')`);
    const c = challenge();
    await storeChallenge(c, "authenticate", ip);
    expect(await signInWithPasskey(answerFor(c), ip)).toMatchObject({ ok: false, error: "rate_limited" });
  });
});

describe("a new passkey's name", () => {
  it("says which browser on which system", () => {
    expect(passkeyName("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36")).toBe("Chrome on Linux");
    expect(passkeyName("Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1")).toBe("Safari on iOS");
    expect(passkeyName("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0")).toBe("Edge on Windows");
    expect(passkeyName(null)).toBe("Passkey");
  });
});
