import "server-only";
import path from "node:path";
import fs from "node:fs";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import type { SQL } from "drizzle-orm";
import { PgDialect, type PgDatabase, type PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/config/env";
import * as schema from "./schema";
import { lockEmbeddedDatabase } from "./pglite-lock";
import { queryCountingLogger } from "./query-count";
import { reconnectDelaySeconds } from "./reconnect";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle or the database itself: anything that can run a query. */
export type Executor = Pick<Db, "select" | "insert" | "update" | "delete" | "execute" | "transaction">;

/** Runs one SQL text with positional ($1…) parameters; used by pg-boss. */
export type RawExecutor = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

/** Runs one SQL text as a prepared statement, planned once per connection. */
type PreparedExecutor = (text: string, values: unknown[]) => Promise<unknown[]>;

type Handle = {
  db: Db;
  raw: RawExecutor;
  prepared: PreparedExecutor;
  /** drizzle's migrator for this kind of database (each wants its own driver's instance). */
  migrate: (migrationsFolder: string) => Promise<void>;
  close: () => Promise<void>;
  kind: "postgres" | "pglite";
};

// Kept on globalThis so that dev hot reload and several bundles in one process share
// one connection pool (and, for PGlite, the single allowed owner of the data folder).
const g = globalThis as { __ledeDb?: Handle };

function openPostgres(url: string): Handle {
  const client = postgres(url, {
    max: env.dbPool,
    onnotice: () => {},
    connect_timeout: 5,
    backoff: reconnectDelaySeconds,
    // Named per process and pool: lede_db_connections (lib/metrics/database.ts) counts by it.
    connection: { application_name: `lede:${process.pid}:main` },
  });
  const db = drizzlePostgres(client, { schema, logger: queryCountingLogger() });
  return {
    kind: "postgres",
    db,
    migrate: (migrationsFolder) => migratePostgres(db, { migrationsFolder }),
    raw: async (text, values) => ({
      // postgres.js types parameters as its own serialisable values; pg-boss's are whatever it passes.
      rows: (await client.unsafe(text, (values ?? []) as never[])) as unknown[],
    }),
    prepared: async (text, values) => (await client.unsafe(text, values as never[], { prepare: true })) as unknown[], // as above
    close: () => client.end({ timeout: 5 }),
  };
}

function openPglite(dir: string): Handle {
  // Only one process may open the folder: a second one is refused before it touches it.
  const unlock = lockEmbeddedDatabase(dir);
  fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  const db = drizzlePglite(client, { schema, logger: queryCountingLogger() });
  return {
    kind: "pglite",
    db,
    migrate: (migrationsFolder) => migratePglite(db, { migrationsFolder }),
    raw: async (text, values) => {
      // pg-boss's schema scripts hold several statements: exec() runs those.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows };
    },
    prepared: async (text, values) => (await client.query(text, values)).rows,
    close: () => client.close().finally(unlock),
  };
}

function handle(): Handle {
  if (!g.__ledeDb) {
    g.__ledeDb = env.databaseUrl
      ? openPostgres(env.databaseUrl)
      : openPglite(path.resolve(env.dataDir, "pglite"));
  }
  return g.__ledeDb;
}

/** The drizzle database of this process, opened on first use. */
export const db: Db = new Proxy({} as Db, {
  get: (_t, key) => {
    const target = handle().db;
    const value: unknown = Reflect.get(target, key);
    return typeof value === "function" ? value.bind(target) : value;
  },
});

const gl = globalThis as { __ledeLookup?: { db: Db; close: () => Promise<void> } };

/**
 * For the lookups that choose how every signed-in request is served (the session): a
 * small pool of its own whose statements give up after a second, so a stalled database
 * cannot hold every member's page, nor fill the main pool. PGlite: the one database.
 */
export function lookupDb(): Db {
  if (!env.databaseUrl) return getDb();
  if (!gl.__ledeLookup) {
    const client = postgres(env.databaseUrl, {
      max: 4,
      onnotice: () => {},
      connect_timeout: 2,
      backoff: reconnectDelaySeconds,
      idle_timeout: 60,
      connection: { statement_timeout: 1000, application_name: `lede:${process.pid}:lookup` },
    });
    gl.__ledeLookup = {
      db: drizzlePostgres(client, { schema, logger: queryCountingLogger() }),
      close: () => client.end({ timeout: 5 }),
    };
  }
  return gl.__ledeLookup.db;
}

/** Turns sql`…` into text and parameters, as both databases' drizzle instances do. */
const dialect = new PgDialect();

/**
 * Runs a statement that runs on every join or sign-in (large, the same text each time)
 * as a prepared statement: PostgreSQL plans it once per connection instead of per call.
 * Not for statements inside a transaction: it runs on the pool.
 */
export async function runPrepared<T = Record<string, unknown>>(query: SQL): Promise<T[]> {
  const h = handle();
  const { sql: text, params } = dialect.sqlToQuery(query);
  queryCountingLogger()?.logQuery(text, params);
  return (await h.prepared(text, params)) as T[];
}

/** The drizzle instance itself (libraries that check its class need this, not the proxy). */
export function getDb(): Db {
  return handle().db;
}

/** Applies the drizzle migrations in `migrationsFolder` (lib/db/migrate.ts). */
export function migrateDb(migrationsFolder: string): Promise<void> {
  return handle().migrate(migrationsFolder);
}

export function rawSql(): RawExecutor {
  return handle().raw;
}

export function databaseKind(): "postgres" | "pglite" {
  return env.databaseUrl ? "postgres" : "pglite";
}

export async function closeDb(): Promise<void> {
  const h = g.__ledeDb;
  const lookup = gl.__ledeLookup;
  g.__ledeDb = undefined;
  gl.__ledeLookup = undefined;
  if (h) await h.close();
  if (lookup) await lookup.close();
}

export { schema };
