import "server-only";
import fs from "node:fs";
import path from "node:path";
import crypto from "node:crypto";
import { env } from "@/lib/env";

let cached: string | undefined;

/**
 * AUTH_SECRET, or on the embedded default a secret generated once and kept in the
 * data folder. Production with a shared database must set AUTH_SECRET, since every
 * process has to agree on it.
 */
export function authSecret(): string {
  if (cached) return cached;
  if (env.authSecret) return (cached = env.authSecret);
  if (env.nodeEnv === "production" && env.databaseUrl) {
    throw new Error(
      "AUTH_SECRET is required when NODE_ENV=production and DATABASE_URL is set (try: openssl rand -base64 33)",
    );
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
