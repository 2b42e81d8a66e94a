// Integration: joins, confirmations and newsletter opt-ins reach the funnel once the join
// or the first sign-in committed, each with the source the reader came from.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { requestSignIn } from "@/lib/auth/request-sign-in";
import { startSession } from "@/lib/auth/sessions";
import { flushTraffic } from "./counts";

useTestDatabase();

let ip = 0;
const join = (email: string, referral: Parameters<typeof requestSignIn>[0]["referral"], newsletter = false, articleSlug = "ferry") =>
  requestSignIn({ email, newsletter, articleSlug, callbackUrl: "/", honeypot: "", ip: `10.9.${++ip}.1`, joining: true, referral });

const counted = async () => {
  await flushTraffic();
  return rowsOf<{ source: string; host: string; issue_id: number; joins: number; confirmations: number; newsletter_opt_ins: number }>(
    await db.execute(sql`
      select source, host, issue_id, joins, confirmations, newsletter_opt_ins from article_traffic
      where joins + confirmations + newsletter_opt_ins > 0 order by source, host`),
  );
};

describe("the funnel's joins and confirmations", () => {
  it("counts a reader's first join from an article once, then their first sign-in and opt-in, under the join's source", async () => {
    await db.execute(sql`insert into article (slug, title, premium) values ('ferry', 'Ferry', true), ('bakery', 'Bakery', true)`);
    expect((await join("a@example.com", { source: "search", host: "", issueId: 0 }, true)).ok).toBe(true);
    expect((await join("a@example.com", { source: "search", host: "", issueId: 0 }, true)).ok).toBe(true); // again: once
    expect((await join("b@example.com", { source: "newsletter", host: "", issueId: 4 })).ok).toBe(true);
    expect((await join("c@example.com", { source: "other", host: "blog.example", issueId: 0 })).ok).toBe(true);
    expect((await join("d@example.com", null)).ok).toBe(true); // no referral: direct
    expect(await counted()).toEqual([
      { source: "direct", host: "", issue_id: 0, joins: 1, confirmations: 0, newsletter_opt_ins: 0 },
      { source: "newsletter", host: "", issue_id: 4, joins: 1, confirmations: 0, newsletter_opt_ins: 0 },
      { source: "other", host: "blog.example", issue_id: 0, joins: 1, confirmations: 0, newsletter_opt_ins: 0 },
      { source: "search", host: "", issue_id: 0, joins: 1, confirmations: 0, newsletter_opt_ins: 0 },
    ]);
    await startSession("a@example.com", "link");
    await startSession("a@example.com", "code"); // a second sign-in is not a confirmation
    await startSession("b@example.com", "code");
    await startSession("nobody-joined@example.com", "link"); // an account that never joined from an article
    expect((await counted()).filter((r) => r.confirmations > 0)).toEqual([
      { source: "newsletter", host: "", issue_id: 4, joins: 1, confirmations: 1, newsletter_opt_ins: 0 },
      { source: "search", host: "", issue_id: 0, joins: 1, confirmations: 1, newsletter_opt_ins: 1 },
    ]);
    // A confirmed member who joins from another article counts there as a join.
    expect((await join("a@example.com", { source: "social", host: "", issueId: 0 }, false, "bakery")).ok).toBe(true);
    await flushTraffic();
    const [bakery] = rowsOf<{ joins: number }>(
      await db.execute(sql`select sum(joins)::int as joins from article_traffic t join article a on a.id = t.article_id where a.slug = 'bakery'`),
    );
    expect(bakery.joins).toBe(1);
  });
});
