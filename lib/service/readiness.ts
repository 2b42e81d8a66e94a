import "server-only";
// Readiness (README: "Health, readiness and stopping"): the database answers, every
// migration in drizzle/ is applied, and the render cache knows every drop (its lease is live).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { rawSql } from "@/lib/db/client";
import { frontContract } from "@/server/contract";
import lifecycle from "./lifecycle";

export type Readiness = { ready: boolean; checks: { database: boolean; migrations: boolean; renderCache: boolean; stopping: boolean } };

let journalCount: Promise<number> | null = null;
/** Migrations this build carries (drizzle-kit's journal). */
const migrationsInBuild = () =>
  (journalCount ??= readFile(path.join(process.cwd(), "drizzle", "meta", "_journal.json"), "utf8").then(
    (text) => (JSON.parse(text) as { entries: unknown[] }).entries.length,
  ));

/** Whether this process's render cache has read every drop (no store: nothing cached to be wrong). */
function renderCacheCaughtUp(): boolean {
  const store = frontContract().renderCache;
  return !store || store.trustedUntil > performance.now();
}

export async function readiness(): Promise<Readiness> {
  const stopping = lifecycle.lifecycle().draining;
  let database = false;
  let migrations = false;
  try {
    const { rows } = await rawSql()(`SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations`);
    database = true;
    migrations = Number((rows[0] as { n: number }).n) >= (await migrationsInBuild());
  } catch {
    // A database that does not answer (or has no migrations table yet) is not ready.
  }
  const renderCache = renderCacheCaughtUp();
  return { ready: database && migrations && renderCache && !stopping, checks: { database, migrations, renderCache, stopping } };
}
