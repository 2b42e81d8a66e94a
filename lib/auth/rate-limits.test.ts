// Integration: budgets live in the database, shared by every app process, and count
// exactly however requests race.
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import * as schema from "@/lib/db/schema";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { describeWait, networkOf, overLimit, spend, type Budget } from "./rate-limits";

const database = useTestDatabase();

const budget = (key: string, limit = 3, windowSeconds = 600): Budget => ({ key, limit, windowSeconds });

describe("spend", () => {
  it("counts each budget and says when the first one over its limit frees up", async () => {
    const budgets = [budget("t:a", 2), budget("t:b", 5)];
    for (let i = 1; i <= 2; i++) expect(overLimit(await spend(budgets))).toBeNull();
    const over = overLimit(await spend(budgets));
    expect(over).toMatchObject({ key: "t:a", points: 3, limit: 2 });
    expect(over!.retryAfterSeconds).toBeGreaterThan(590);
    expect(over!.retryAfterSeconds).toBeLessThanOrEqual(600);
  });

  it("starts a new window once the old one has passed", async () => {
    const short = [budget("t:short", 1, 1)];
    await spend(short);
    expect(overLimit(await spend(short))).not.toBeNull();
    await expect.poll(async () => overLimit(await spend(short)), { timeout: 5000, interval: 300 }).toBeNull();
  });

  it("gives 50 racing requests 50 different counts", async () => {
    const results = await Promise.all(Array.from({ length: 50 }, () => spend([budget("t:race", 10), budget("t:race2", 10)])));
    const counts = results.map((r) => r[0].points).sort((a, b) => a - b);
    expect(counts).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(results.filter((r) => overLimit(r) === null)).toHaveLength(10);
  });

  it.skipIf(!usingPostgres)("is one budget for two separate database clients (two app processes)", async () => {
    // A second, independent pool, as another app process would have.
    const other = postgres(database.url()!, { max: 2, onnotice: () => {} });
    try {
      const otherDb = drizzle(other, { schema });
      const shared = [budget("t:shared", 3)];
      await spend(shared);
      await spend(shared, otherDb);
      await spend(shared);
      expect(overLimit(await spend(shared, otherDb))).not.toBeNull();
    } finally {
      await other.end();
    }
  });
});

describe("networkOf", () => {
  it("groups IPv4 by /24 and IPv6 by /48, with one IPv6 host per /64", () => {
    expect(networkOf("203.0.113.9")).toEqual({ host: "203.0.113.9", network: "203.0.113.0/24" });
    expect(networkOf("::ffff:203.0.113.9")).toEqual({ host: "203.0.113.9", network: "203.0.113.0/24" });
    expect(networkOf("::ffff:cb00:7109")).toEqual({ host: "203.0.113.9", network: "203.0.113.0/24" });
    expect(networkOf("2001:db8:abcd:12:1::7")).toEqual({ host: "2001:db8:abcd:12::/64", network: "2001:db8:abcd::/48" });
    expect(networkOf("2001:0db8:abcd:0012:0000:0000:0000:0007")).toEqual(networkOf("2001:db8:abcd:12::7"));
    expect(networkOf("::1")).toEqual({ host: "0:0:0:0::/64", network: "0:0:0::/48" });
    expect(networkOf("unknown")).toEqual({ host: "unknown", network: "unknown" });
  });

  it("gives every spelling of one IPv6 address the same keys", () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV6(), fc.ipV4().map((v4) => `::ffff:${v4}`)), (ip) => {
        const expanded = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
        const a = networkOf(ip);
        const b = networkOf(expanded);
        return a.host === b.host && a.network === b.network;
      }),
    );
  });

  it("puts two IPv4 addresses in one network exactly when their first three octets match", () => {
    fc.assert(
      fc.property(fc.ipV4(), fc.ipV4(), (x, y) => {
        const same = x.split(".").slice(0, 3).join(".") === y.split(".").slice(0, 3).join(".");
        return (networkOf(x).network === networkOf(y).network) === same;
      }),
    );
  });
});

describe("describeWait", () => {
  it("speaks in seconds, minutes or hours", () => {
    expect(describeWait(1)).toBe("in 1 second");
    expect(describeWait(420)).toBe("in 7 minutes");
    expect(describeWait(7200)).toBe("in 2 hours");
  });
});
