// npm run worker — queue workers in their own process; run as many as you like, anywhere.
import "./load-env";
import { startWorkers } from "@/lib/jobs/worker";
import { stopBoss } from "@/lib/jobs/boss";
import { closeDb } from "@/lib/db/client";
import { describeDbError } from "@/lib/db/describe-error";
import { envOrExit } from "@/lib/config/env";

async function main() {
  if (!process.env.DATABASE_URL) {
    console.error(
      "npm run worker needs DATABASE_URL: the embedded database can be opened by one process only, and there the workers already run inside the web process.",
    );
    process.exit(1);
  }
  envOrExit(process.env, "npm run worker");
  await startWorkers();
  console.log("Lede worker running. Ctrl-C to stop.");
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await stopBoss();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((err) => {
  console.error(describeDbError(err, process.env.DATABASE_URL || undefined));
  process.exit(1);
});
