import "server-only";
import path from "node:path";
import { migrateDb } from "./client";

const migrationsFolder = path.resolve(process.cwd(), "drizzle");

/** Applies the committed drizzle migrations; the same files run on both databases. */
export async function runMigrations(): Promise<void> {
  await migrateDb(migrationsFolder);
}
