import "server-only";
import crypto from "node:crypto";
import { authSecret } from "./secret";

/** Keyed hash (HMAC-SHA-256) of a token, code or cookie value, as stored in the database. */
export function keyedHash(purpose: string, value: string): string {
  return crypto.createHmac("sha256", authSecret()).update(`${purpose}\0${value}`).digest("hex");
}

/** Constant-time equality of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString("base64url");
}

/** A uniformly random 6-digit code. */
export function randomCode(): string {
  return crypto.randomInt(0, 1_000_000).toString().padStart(6, "0");
}

/** Authenticated encryption for things that must be stored but not readable (queued mail). */
export function seal(plaintext: string): string {
  const key = crypto.createHmac("sha256", authSecret()).update("seal-key").digest();
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((b) => b.toString("base64url")).join(".");
}

export function unseal(sealed: string): string {
  const [iv, tag, body] = sealed.split(".").map((p) => Buffer.from(p, "base64url"));
  const key = crypto.createHmac("sha256", authSecret()).update("seal-key").digest();
  const decipher = crypto.createDecipheriv("aes-256-gcm", key, iv);
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
}
