// Run by bench/run.mjs before the server starts (PGlite allows one process at a time):
// migrate, seed the sample articles, sign a member in, and print what the bench needs.
import path from "node:path";
import { runCli } from "../scripts/cli";
import { runMigrations } from "@/lib/db/migrate";
import { getBoss, stopBoss } from "@/lib/jobs/boss";
import { countArticles } from "@/lib/articles/queries";
import { importArticles } from "@/lib/articles/import";
import { startSession } from "@/lib/auth/sessions";
import { sessionCookieName } from "@/lib/auth/session-cookie";

runCli(async () => {
  await runMigrations();
  await getBoss();
  await stopBoss();
  if ((await countArticles()) === 0) await importArticles(path.resolve("content/articles"));
  const session = await startSession("bench-member@example.com", "code");
  process.stdout.write(`${JSON.stringify({ cookie: `${sessionCookieName()}=${session.token}` })}\n`);
});
