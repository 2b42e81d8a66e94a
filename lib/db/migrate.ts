import "server-only";
import path from "node:path";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { getDb, databaseKind } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "drizzle");

/** Applies the committed drizzle migrations; the same files run on both databases. */
export async function runMigrations(): Promise<void> {
  if (databaseKind() === "postgres") {
    await migratePostgres(getDb() as never, { migrationsFolder });
  } else {
    await migratePglite(getDb() as never, { migrationsFolder });
  }
}
