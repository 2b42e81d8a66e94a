import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { env } from "@/lib/config/env";

let cached: string | undefined;

/**
 * AUTH_SECRET, or on the embedded demo (no DATABASE_URL) a secret generated once and
 * kept in the data folder. With DATABASE_URL the generated one is never used: every
 * process sharing the database has to agree on the secret.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.authSecret) return (cached = env.authSecret);
  if (env.databaseUrl) {
    throw new Error("AUTH_SECRET is required when DATABASE_URL is set (try: openssl rand -base64 33)");
  }
  const file = path.resolve(env.dataDir, "auth-secret");
  try {
    cached = fs.readFileSync(file, "utf8").trim();
    if (cached.length >= 32) return cached;
  } catch {
    // not there yet
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  cached = crypto.randomBytes(33).toString("base64");
  fs.writeFileSync(file, cached + "\n", { mode: 0o600 });
  return cached;
}
