// Bench: starts sending one issue (as the desk's Send button does) and exits.
// Usage: tsx --conditions=react-server bench/newsletter/start-issue.ts <issueId>
import { closeDb } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { startSending } from "@/lib/newsletter/send/start";

async function main() {
  const result = await startSending(Number(process.argv[2]));
  console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
}

main()
  .catch((err) => {
    console.error(err);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopBoss();
    await closeDb();
  });
