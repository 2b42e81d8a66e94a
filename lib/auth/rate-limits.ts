import "server-only";
import { RateLimiterDrizzle, RateLimiterRes } from "rate-limiter-flexible";
import { getDb } from "@/lib/db/client";
import { rateLimits } from "@/lib/db/schema";

// Budgets live in PostgreSQL, so every app process and machine shares them.
const LIMITS = {
  emailBurst: { keyPrefix: "signin-email-10m", points: 3, duration: 10 * 60 },
  emailDaily: { keyPrefix: "signin-email-day", points: 10, duration: 24 * 60 * 60 },
  ipHourly: { keyPrefix: "signin-ip-1h", points: 30, duration: 60 * 60 },
  codeIpHourly: { keyPrefix: "code-ip-1h", points: 20, duration: 60 * 60 },
} as const;

type LimitName = keyof typeof LIMITS;

const g = globalThis as unknown as { __ledeLimiters?: Map<LimitName, RateLimiterDrizzle> };

function limiter(name: LimitName): RateLimiterDrizzle {
  g.__ledeLimiters ??= new Map();
  let l = g.__ledeLimiters.get(name);
  if (!l) {
    l = new RateLimiterDrizzle({
      storeClient: getDb(),
      schema: rateLimits,
      clearExpiredByTimeout: false,
      ...LIMITS[name],
    });
    g.__ledeLimiters.set(name, l);
  }
  return l;
}

export type LimitResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/** Spends one point from each named budget in turn; the first one exhausted says no. */
export async function spend(budgets: [LimitName, string][]): Promise<LimitResult> {
  for (const [name, key] of budgets) {
    try {
      await limiter(name).consume(key, 1);
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(err.msBeforeNext / 1000)) };
      }
      throw err;
    }
  }
  return { ok: true };
}

export function signInBudgets(email: string, ip: string): [LimitName, string][] {
  return [
    ["ipHourly", ip],
    ["emailBurst", email],
    ["emailDaily", email],
  ];
}

export function codeBudgets(ip: string): [LimitName, string][] {
  return [["codeIpHourly", ip]];
}

/** "in 7 minutes", "in 2 hours": when a refused reader may try again. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}
