// npm run db:migrate — applies the drizzle migrations and installs the job queue schema.
import { runCli } from "./cli";
import { runMigrations } from "@/lib/db/migrate";
import { getBoss, stopBoss } from "@/lib/jobs/boss";

runCli(async () => {
  await runMigrations();
  await getBoss();
  await stopBoss();
  console.log("Database is up to date.");
});
