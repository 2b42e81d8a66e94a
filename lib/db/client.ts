import "server-only";
import path from "node:path";
import fs from "node:fs";
import postgres from "postgres";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { lockEmbeddedDatabase } from "./pglite-lock";
import { queryCountingLogger } from "./query-count";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction handle or the database itself: anything that can run a query. */
export type Executor = Pick<Db, "select" | "insert" | "update" | "delete" | "execute" | "transaction">;

/** Runs one SQL text with positional ($1…) parameters; used by pg-boss. */
export type RawExecutor = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

type Handle = { db: Db; raw: RawExecutor; close: () => Promise<void>; kind: "postgres" | "pglite" };

// Kept on globalThis so that dev hot reload and several bundles in one process share
// one connection pool (and, for PGlite, the single allowed owner of the data folder).
const g = globalThis as unknown as { __ledeDb?: Handle };

function openPostgres(url: string): Handle {
  const client = postgres(url, {
    max: Number(process.env.LEDE_DB_POOL ?? 10),
    onnotice: () => {},
    connect_timeout: 5,
  });
  return {
    kind: "postgres",
    db: drizzlePostgres(client, { schema, logger: queryCountingLogger() }) as unknown as Db,
    raw: async (text, values) => ({
      rows: (await client.unsafe(text, (values ?? []) as never[])) as unknown[],
    }),
    close: () => client.end({ timeout: 5 }),
  };
}

function openPglite(dir: string): Handle {
  // Only one process may open the folder: a second one is refused before it touches it.
  const unlock = lockEmbeddedDatabase(dir);
  fs.mkdirSync(dir, { recursive: true });
  const client = new PGlite(dir);
  return {
    kind: "pglite",
    db: drizzlePglite(client, { schema, logger: queryCountingLogger() }) as unknown as Db,
    raw: async (text, values) => {
      // pg-boss's schema scripts hold several statements: exec() runs those.
      if (!values || values.length === 0) {
        const results = await client.exec(text);
        return { rows: results.at(-1)?.rows ?? [] };
      }
      const result = await client.query(text, values as unknown[]);
      return { rows: result.rows };
    },
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
    const target = handle().db as unknown as Record<string | symbol, unknown>;
    const value = target[key];
    return typeof value === "function" ? (value as Function).bind(target) : value;
  },
});

/** The drizzle instance itself (libraries that check its class need this, not the proxy). */
export function getDb(): Db {
  return handle().db;
}

export function rawSql(): RawExecutor {
  return handle().raw;
}

export function databaseKind(): "postgres" | "pglite" {
  return env.databaseUrl ? "postgres" : "pglite";
}

export async function closeDb(): Promise<void> {
  const h = g.__ledeDb;
  g.__ledeDb = undefined;
  if (h) await h.close();
}

export { schema };
