// A Lede process holding the embedded database, as a running server does: migrates it,
// adds holder@example.com, prints "ready <pid>", answers "check" with "ok <members>" and
// closes the database and exits 0 when its stdin ends. Used by lib/db/pglite-lock.test.ts.
import readline from "node:readline";
import { sql } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { runMigrations } from "@/lib/db/migrate";
import { rowsOf } from "@/lib/db/rows";
import { users } from "@/lib/db/schema";

async function main() {
  await runMigrations();
  await db.insert(users).values({ email: "holder@example.com" }).onConflictDoNothing();
  console.log(`ready ${process.pid}`);
  for await (const line of readline.createInterface({ input: process.stdin })) {
    if (line === "check") {
      const [{ n }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from ${users}`));
      console.log(`ok ${n}`);
    }
  }
  await closeDb();
  process.exit(0);
}

void main();
