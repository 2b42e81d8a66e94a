// Bench set-up: N confirmed, active subscribers and one issue picking the newest articles.
// Usage: tsx --conditions=react-server bench/newsletter/seed.ts <subscribers>
import { sql } from "drizzle-orm";
import { db, closeDb } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

async function main() {
  const n = Number(process.argv[2] ?? "10000");
  // In batches, so a million subscribers fit a small machine (one statement each would
  // hold a million rows' worth of work in one transaction). Subscribers of long standing:
  // welcomed already (left unwelcomed, the workers' first welcome sweep marked all of them
  // in one statement while the issue went out).
  const BATCH = 100_000;
  for (let from = 1; from <= n; from += BATCH) {
    const to = Math.min(n, from + BATCH - 1);
    await db.execute(sql`
      INSERT INTO "user" (id, email, "emailVerified", role)
      SELECT 'bench-' || lpad(i::text, 8, '0'), 'reader' || i || '@bench.example', now(), 'reader'
      FROM generate_series(${from}::int, ${to}::int) AS i`);
    await db.execute(sql`
      INSERT INTO subscription (user_id, newsletter_id, status, confirmed_at, welcomed_at, source)
      SELECT 'bench-' || lpad(i::text, 8, '0'), 1, 'active', now(), now(), 'bench' FROM generate_series(${from}::int, ${to}::int) AS i`);
  }
  await db.execute(sql`ANALYZE "user"`);
  await db.execute(sql`ANALYZE subscription`);
  const [issue] = rowsOf<{ id: number }>(
    await db.execute(sql`
      INSERT INTO newsletter_issue (newsletter_id, subject, intro, article_ids)
      VALUES (1, 'Bench issue', ${"Good morning. **Three stories** worth your time today, and [one more](https://example.com/more).\n\n- The ferry\n- The library\n- The bakery"},
              coalesce((SELECT array_agg(id ORDER BY published_at DESC) FROM (SELECT id, published_at FROM article WHERE status = 'published' ORDER BY published_at DESC LIMIT 5) a), '{}'))
      RETURNING id`),
  );
  console.log(JSON.stringify({ subscribers: n, issueId: issue.id }));
}

main().then(closeDb, async (err) => {
  console.error(err);
  await closeDb();
  process.exit(1);
});
