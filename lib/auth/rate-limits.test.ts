// Integration: sign-in budgets live in the database, shared by every app process.
import { describe, expect, it } from "vitest";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { RateLimiterDrizzle } from "rate-limiter-flexible";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { rateLimits } from "@/lib/db/schema";
import { signInBudgets, spend, describeWait } from "./rate-limits";

const database = useTestDatabase();

describe("sign-in budgets", () => {
  it("allow 3 mails per address per 10 minutes, then say when to come back", async () => {
    for (let i = 0; i < 3; i++) expect(await spend(signInBudgets("burst@example.com", `10.1.0.${i}`))).toEqual({ ok: true });
    const refused = await spend(signInBudgets("burst@example.com", "10.1.0.9"));
    expect(refused.ok).toBe(false);
    if (!refused.ok) {
      expect(refused.retryAfterSeconds).toBeGreaterThan(500);
      expect(refused.retryAfterSeconds).toBeLessThanOrEqual(600);
    }
  });

  it("allow 30 requests per IP per hour across addresses", async () => {
    for (let i = 0; i < 30; i++) expect((await spend(signInBudgets(`ip${i}@example.com`, "10.2.0.1"))).ok).toBe(true);
    expect((await spend(signInBudgets("ip-over@example.com", "10.2.0.1"))).ok).toBe(false);
    expect((await spend(signInBudgets("ip-over@example.com", "10.2.0.2"))).ok).toBe(true);
  });

  it.skipIf(!usingPostgres)("are one budget for two separate database clients (two app processes)", async () => {
    // A second, independent connection pool and limiter, as another app process would have.
    const other = postgres(database.url()!, { max: 2, onnotice: () => {} });
    try {
      const limiter = new RateLimiterDrizzle({
        storeClient: drizzle(other),
        schema: rateLimits,
        keyPrefix: "signin-email-10m",
        points: 3,
        duration: 600,
        clearExpiredByTimeout: false,
      });
      expect((await spend(signInBudgets("shared@example.com", "10.3.0.1"))).ok).toBe(true);
      await limiter.consume("shared@example.com", 1);
      expect((await spend(signInBudgets("shared@example.com", "10.3.0.2"))).ok).toBe(true);
      await expect(limiter.consume("shared@example.com", 1)).rejects.toMatchObject({ remainingPoints: 0 });
      expect((await spend(signInBudgets("shared@example.com", "10.3.0.3"))).ok).toBe(false);
    } finally {
      await other.end();
    }
  });
});

describe("describeWait", () => {
  it("speaks in seconds, minutes or hours", () => {
    expect(describeWait(1)).toBe("in 1 second");
    expect(describeWait(420)).toBe("in 7 minutes");
    expect(describeWait(7200)).toBe("in 2 hours");
  });
});
