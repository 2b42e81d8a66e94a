// Integration: each newsletter's figures on the insight page, kept apart from the others'.
import { beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { article, issue, subscriber } from "@/test/newsletter";
import { db } from "@/lib/db/client";
import { articleTraffic } from "@/lib/db/schema";
import { createNewsletter, setArchived } from "@/lib/newsletter/newsletters";
import { newsletterTable } from "./report";

useTestDatabase();

const NOW = new Date();
const day = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString().slice(0, 10);
let sport = 0;
let old = 0;

beforeAll(async () => {
  sport = await createNewsletter({ name: "Sport", description: "Results", senderName: "", offeredByDefault: false });
  old = await createNewsletter({ name: "Old list", description: "", senderName: "", offeredByDefault: false });
  await setArchived(old, true);
  for (const [i, state] of (["active", "active", "pending", "unsubscribed"] as const).entries()) await subscriber(`brief${i}@nl.example`, state, 1);
  await subscriber("fan@nl.example", "active", sport);
  const left = await subscriber("gone@nl.example", "unsubscribed", sport);
  // Left long ago: not in a 7-day window.
  await db.execute(sql`UPDATE subscription SET unsubscribed_at = now() - interval '40 days' WHERE user_id = ${left}`);
  await db.execute(sql`UPDATE subscription SET unsubscribed_at = now() WHERE status = 'unsubscribed' AND unsubscribed_at IS NULL`);
  const a = await article("nl-figures", true);
  const briefing = await issue("Morning", [a]);
  const match = await issue("Match report", [a], "Hi.", { newsletterId: sport });
  await db.execute(sql`UPDATE newsletter_issue SET status = 'sent', send_started_at = now() - interval '1 day' WHERE id IN (${briefing}, ${match})`);
  await db.execute(sql`
    INSERT INTO newsletter_delivery (issue_id, email, status)
    SELECT ${briefing}::int, 'b' || i || '@x.example', CASE WHEN i <= 3 THEN 'sent' ELSE 'failed' END FROM generate_series(1, 4) i
    UNION ALL SELECT ${match}::int, 'm@x.example', 'sent'`);
  await db.insert(articleTraffic).values([
    { day: day(1), articleId: a, source: "newsletter", issueId: briefing, anonymousViews: 5, memberViews: 7, joins: 2 },
    { day: day(0), articleId: a, source: "newsletter", issueId: match, anonymousViews: 1, memberViews: 2, joins: 1 },
    // Not from a newsletter: counts for neither.
    { day: day(0), articleId: a, source: "search", anonymousViews: 100, joins: 9 },
  ]);
});

describe("newsletter figures on the insight page", () => {
  it("gives each newsletter its own subscribers, confirmations, leavers, issues, copies, visits and joins", async () => {
    const rows = await newsletterTable(7, NOW);
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(byName.Newsletter).toMatchObject({ subscribers: 2, confirmed: 3, left: 1, issues: 1, delivered: 3, visits: 12, joins: 2 });
    expect(byName.Sport).toMatchObject({ subscribers: 1, left: 0, issues: 1, delivered: 1, visits: 3, joins: 1 });
  });

  it("leaves out an archived newsletter with nothing in the window", async () => {
    expect((await newsletterTable(7, NOW)).map((r) => r.name)).not.toContain("Old list");
  });
});
