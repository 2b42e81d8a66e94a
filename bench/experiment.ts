// Run by bench/run.mjs between the pages' rounds and the experiment's (PostgreSQL only: the
// server holds PGlite): starts the wall experiment bench/prepare.ts made, the way the desk
// does — in one transaction with the drop that tells every web process (lib/experiments).
import { sql } from "drizzle-orm";
import { runCli } from "../scripts/cli";
import { db } from "@/lib/db/client";
import { recordDrop } from "@/lib/cache/drops";

runCli(async () => {
  const id = Number(process.argv[2]);
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE wall_experiment SET status = 'running', ended_at = NULL WHERE id = ${id}`);
    await recordDrop(tx, { slugs: [], lists: false, everything: true });
  });
});
