// Bench set-up: N confirmed, active subscribers and one issue picking the newest articles.
// Usage: tsx --conditions=react-server bench/newsletter/seed.ts <subscribers>
import { sql } from "drizzle-orm";
import { db, closeDb } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

async function main() {
  const n = Number(process.argv[2] ?? "10000");
  await db.execute(sql`
    INSERT INTO "user" (id, email, "emailVerified", role)
    SELECT 'bench-' || lpad(i::text, 8, '0'), 'reader' || i || '@bench.example', now(), 'reader'
    FROM generate_series(1, ${n}) AS i`);
  await db.execute(sql`
    INSERT INTO subscription (user_id, newsletter_id, status, confirmed_at, source)
    SELECT id, 1, 'active', now(), 'bench' FROM "user" WHERE id LIKE 'bench-%'`);
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
