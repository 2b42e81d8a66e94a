// A fresh, migrated database for one test file: a new PostgreSQL database on the server
// named by DATABASE_URL when it is set, else a PGlite folder of its own.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";

// The first file in a worker records the server the suite was given; later files in the
// same process see DATABASE_URL pointing at the previous file's database.
const BASE_URL = (process.env.LEDE_TEST_BASE_URL ??= process.env.DATABASE_URL ?? "");

export const usingPostgres = BASE_URL !== "";

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function useTestDatabase(): { url: () => string | undefined } {
  let name = "";
  let dir = "";
  beforeAll(async () => {
    process.env.AUTH_SECRET ??= "test-secret-0123456789abcdefghijklmnopqrstuvwxyz";
    process.env.SITE_URL ??= "http://localhost:3999";
    if (usingPostgres) {
      // LEDE_TEST_DB_PREFIX lets people sharing one server keep to their own names.
      name = `${process.env.LEDE_TEST_DB_PREFIX ?? "lede_t_"}${crypto.randomBytes(6).toString("hex")}`;
      const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`create database ${name}`);
      await admin.end();
      process.env.DATABASE_URL = withDatabase(BASE_URL, name);
    } else {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), "lede-test-"));
      delete process.env.DATABASE_URL;
      process.env.LEDE_DATA_DIR = dir;
    }
    const { runMigrations } = await import("@/lib/db/migrate");
    await runMigrations();
  });
  afterAll(async () => {
    const { stopBoss } = await import("@/lib/jobs/boss");
    const { closeDb } = await import("@/lib/db/client");
    const { closeMailSender } = await import("@/lib/mail/sender");
    await stopBoss().catch(() => {});
    await closeDb();
    // The next file in this process may point EMAIL_SERVER elsewhere.
    closeMailSender();
    const g = globalThis as Record<string, unknown>;
    for (const k of ["__ledeLimiters", "__ledeWorkers"]) delete g[k];
    if (usingPostgres) {
      const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    } else if (dir) {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  return { url: () => process.env.DATABASE_URL };
}

/**
 * A database that stalls on `table` (PostgreSQL only): another connection holds an
 * ACCESS EXCLUSIVE lock on it for `seconds`, granted before this resolves. `released`
 * settles when the lock is let go and that connection closed.
 */
export async function stallTable(url: string, table: string, seconds: number): Promise<{ released: Promise<void> }> {
  const locker = postgres(url, { max: 1, onnotice: () => {} });
  let granted!: () => void;
  const isGranted = new Promise<void>((resolve) => (granted = resolve));
  const held = locker.begin(async (tx) => {
    await tx.unsafe(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
    granted();
    await tx`SELECT pg_sleep(${seconds})`;
  });
  const released = held.then(
    () => locker.end(),
    async (err) => {
      await locker.end();
      throw err;
    },
  );
  await Promise.race([isGranted, released]);
  return { released };
}
