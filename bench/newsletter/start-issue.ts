// Bench: starts sending one issue (as the desk's Send button does), or with a time schedules
// it for then (as the desk's Schedule does; the workers' sweep starts it), and exits.
// Usage: tsx --conditions=react-server bench/newsletter/start-issue.ts <issueId> [<ISO time>]
import { closeDb } from "@/lib/db/client";
import { stopBoss } from "@/lib/jobs/boss";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { startSending } from "@/lib/newsletter/send/start";

async function main() {
  const id = Number(process.argv[2]);
  const at = process.argv[3];
  if (at) {
    // The desk's Schedule takes whole minutes; the bench wants its time seconds ahead.
    await db.execute(sql`UPDATE newsletter_issue SET status = 'scheduled', scheduled_at = ${at}::timestamptz WHERE id = ${id} AND status = 'draft'`);
    console.log(JSON.stringify({ ok: true, scheduledAt: at }));
    return;
  }
  const result = await startSending(id);
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
