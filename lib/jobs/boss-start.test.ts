// Starting the queue: several processes starting pg-boss at once on a new database (workers
// started together, web processes with in-process workers) all start, and a start that lost
// a race with another is tried again rather than ending the process.
import PgBoss from "pg-boss";
import { describe, expect, it } from "vitest";
import { useTestDatabase, usingPostgres } from "@/test/db";
import { BOSS_SCHEMA, QUEUES, isStartRace, startBoss } from "./boss";

const database = useTestDatabase();

describe("a start that lost a race", () => {
  const failing = (errors: unknown[]) => {
    let made = 0;
    const make = () => {
      const n = made++;
      return {
        start: async () => {
          if (n < errors.length) throw errors[n];
        },
        getQueue: async () => ({}),
        createQueue: async () => {},
        stop: async () => {},
      } as unknown as PgBoss;
    };
    return { make, made: () => made };
  };

  it("is made anew and tried again; any other failure is thrown at once", async () => {
    const deadlocked = failing([Object.assign(new Error("deadlock detected"), { code: "40P01" }), Object.assign(new Error("duplicate key"), { code: "23505" })]);
    await expect(startBoss(deadlocked.make)).resolves.toBeDefined();
    expect(deadlocked.made()).toBe(3);
    const refused = failing([Object.assign(new Error("password authentication failed"), { code: "28P01" })]);
    await expect(startBoss(refused.make)).rejects.toThrow(/password/);
    expect(refused.made()).toBe(1);
    const always = failing(Array.from({ length: 9 }, () => Object.assign(new Error("deadlock detected"), { code: "40P01" })));
    await expect(startBoss(always.make, 3)).rejects.toThrow(/deadlock/);
    expect(always.made()).toBe(3);
    expect(isStartRace(new Error("no code"))).toBe(false);
    expect(isStartRace(null)).toBe(false);
  });
});

describe.skipIf(!usingPostgres)("six processes starting the queue at once on a new database", () => {
  it("all start, and Lede's queues exist once", async () => {
    const make = () => {
      const boss = new PgBoss({ connectionString: database.url()!, max: 2, schema: BOSS_SCHEMA, supervise: false, schedule: false, migrate: true });
      boss.on("error", () => {});
      return boss;
    };
    const started = await Promise.allSettled(Array.from({ length: 6 }, () => startBoss(make)));
    const bosses = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
    try {
      expect(started.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      const queues = (await bosses[0].getQueues()).map((q) => q.name).sort();
      expect(queues).toEqual(Object.values(QUEUES).map((q) => q.name).sort());
    } finally {
      await Promise.all(bosses.map((b) => b.stop({ graceful: false, wait: true, timeout: 2000 }).catch(() => {})));
    }
  }, 60_000);
});
