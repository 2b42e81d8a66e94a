import "server-only";
import PgBoss from "pg-boss";
import { sql, type SQL } from "drizzle-orm";
import { rawSql, type Executor } from "@/lib/db/client";
import { sqlState } from "@/lib/db/retry";
import { rowsOf } from "@/lib/db/rows";
import { env } from "@/lib/config/env";

/** The PostgreSQL schema of pg-boss's tables. */
export const BOSS_SCHEMA = "pgboss";

/** Queue names and their retry policy, in one place. */
export const QUEUES = {
  mail: {
    name: "mail",
    // An SMTP outage delays mail: retries back off from 2 s up to hours, for days.
    options: { retryLimit: 40, retryDelay: 2, retryBackoff: true, expireInSeconds: 120 },
  },
  // Newsletters. "short": a job with the same singletonKey already waiting makes a send a
  // no-op, so the sweeper can ask for work as often as it likes. Recovery after a crash
  // does not wait for pg-boss's expiry: see lib/newsletter/send/recover-stalled.ts.
  newsletterFanout: {
    name: "newsletter-fanout",
    options: { policy: "short", retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: 30 * 60 },
  },
  newsletterSend: {
    name: "newsletter-send",
    options: { policy: "short", retryLimit: 20, retryDelay: 5, retryBackoff: true, expireInSeconds: 10 * 60 },
  },
  // Hourly housekeeping (lib/jobs/cleanup.ts). "singleton": never two runs at once.
  cleanup: {
    name: "cleanup",
    options: { policy: "singleton", retryLimit: 3, retryDelay: 60, retryBackoff: true, expireInSeconds: 15 * 60 },
  },
  // Every minute while LEDE_BOUNCE_IMAP_URL is set (lib/deliverability/mailbox.ts); never two at once.
  bounceMailbox: {
    name: "bounce-mailbox",
    options: { policy: "singleton", retryLimit: 0, expireInSeconds: 5 * 60 },
  },
} as const;

type PgBossDb = { executeSql: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }> };

/** node-postgres-style parameter preparation, so pg-boss's SQL gets what it expects. */
function prepareValue(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString();
  if (Buffer.isBuffer(v)) return v;
  if (Array.isArray(v)) {
    return `{${v
      .map((x) => (x === null || x === undefined ? "NULL" : `"${String(prepareValue(x)).replace(/(["\\])/g, "\\$1")}"`))
      .join(",")}}`;
  }
  if (typeof v === "object") return JSON.stringify(v);
  return String(v);
}

function prepared(values?: unknown[]): unknown[] {
  return (values ?? []).map(prepareValue);
}

/**
 * pg-boss's `db` for statements that must run inside a drizzle transaction, so a job
 * is queued if and only if the transaction that asked for it commits.
 */
export function inTransaction(tx: Executor): PgBossDb {
  return {
    executeSql: async (text, values) => {
      const params = prepared(values);
      const parts = text.split(/\$(\d+)/);
      const chunks: SQL[] = [];
      for (let i = 0; i < parts.length; i++) {
        chunks.push(i % 2 === 0 ? sql.raw(parts[i]) : sql`${params[Number(parts[i]) - 1]}`);
      }
      return { rows: rowsOf(await tx.execute(sql.join(chunks, sql.raw("")))) };
    },
  };
}

const g = globalThis as {
  __ledeBoss?: Promise<PgBoss>;
  __ledeRunsWorkers?: boolean;
  __ledeBossStopping?: (() => Promise<void>)[];
};

/**
 * Says that this process runs queue workers (lib/jobs/worker.ts), before the queue starts.
 * Only such processes keep pg-boss's clock for scheduled jobs: a web process started
 * with LEDE_WORKER=off queues mail but runs no job, scheduled or not.
 */
export function runsWorkers(): void {
  g.__ledeRunsWorkers = true;
}

/** Work that must end before the queue stops (a worker loop of our own, say). */
export function beforeBossStops(stop: () => Promise<void>): void {
  (g.__ledeBossStopping ??= []).push(stop);
}

/** What two processes starting pg-boss at once may meet in its install or its queues' creation. */
const START_RACES = new Set(["40P01", "40001", "23505", "42P07", "42710"]);

/** A start that lost a race with another process's (a deadlock, a table or queue made meanwhile). */
export function isStartRace(err: unknown): boolean {
  return START_RACES.has(sqlState(err) ?? "");
}

/**
 * Starts a pg-boss made by `make` (its schema installed, Lede's queues created). Two workers
 * started together once met a deadlock here: a start that lost such a race is made anew and
 * tried again, a little later, up to `attempts` times; any other failure is thrown at once.
 */
export async function startBoss(make: () => PgBoss, attempts = 5): Promise<PgBoss> {
  for (let attempt = 1; ; attempt++) {
    const boss = make();
    try {
      await boss.start();
      for (const q of Object.values(QUEUES)) {
        const existing = await boss.getQueue(q.name);
        if (!existing) await boss.createQueue(q.name, { name: q.name, ...q.options });
      }
      return boss;
    } catch (err) {
      await boss.stop({ graceful: false, wait: false }).catch(() => {});
      if (!isStartRace(err) || attempt >= attempts) throw err;
      console.log(`[jobs] starting the queue met another process's start (${sqlState(err)}); trying again`);
      await new Promise((r) => setTimeout(r, 100 * attempt + Math.random() * 200));
    }
  }
}

/** The pg-boss instance of this process, started (schema installed) on first use. */
export function getBoss(): Promise<PgBoss> {
  g.__ledeBoss ??= (async () => {
    const raw = rawSql();
    // PostgreSQL: pg-boss's own small pool (its install script runs its own BEGIN/COMMIT,
    // which a shared postgres.js pool refuses). PGlite: the one in-process connection.
    const connection = env.databaseUrl
      ? { connectionString: env.databaseUrl, max: 4 }
      : { db: { executeSql: (text: string, values?: unknown[]) => raw(text, prepared(values)) } };
    return startBoss(() => {
      const boss = new PgBoss({
        ...connection,
        schema: BOSS_SCHEMA,
        supervise: true,
        // The cron clock: each process with it checks the schedules every 30 s, but a
        // timestamp in pgboss.version lets one process per interval act, and the job it
        // queues carries a singleton key for the minute, so a schedule fires once however
        // many processes run (the cleanup is harmless to repeat anyway).
        schedule: g.__ledeRunsWorkers ?? env.inProcessWorker,
        migrate: true,
      });
      boss.on("error", (err) => console.error(`[jobs] ${err instanceof Error ? err.message : String(err)}`));
      return boss;
    });
  })().catch((err) => {
    g.__ledeBoss = undefined;
    throw err;
  });
  return g.__ledeBoss;
}

export async function stopBoss(): Promise<void> {
  const p = g.__ledeBoss;
  g.__ledeBoss = undefined;
  const stopping = g.__ledeBossStopping ?? [];
  g.__ledeBossStopping = [];
  await Promise.all(stopping.map((stop) => stop().catch(() => {})));
  if (p) await (await p).stop({ graceful: true, wait: true, timeout: 10_000 });
}
