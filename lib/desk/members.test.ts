import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, subscriptions, users } from "@/lib/db/schema";
import { sql } from "drizzle-orm";
import { searchMembers, memberBatch } from "./members";
import { memberCsvStream, MEMBER_CSV_HEADER } from "./member-export";
import { parseCsv } from "./csv";

useTestDatabase();

async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(stream).text();
}

beforeAll(async () => {
  const [a] = await db
    .insert(articles)
    .values({ slug: "ferry", title: "Night ferry, trial", body: "x" })
    .returning({ id: articles.id });
  const made = await db
    .insert(users)
    .values([
      { email: "ann@example.com", name: "Ann", joinedFromArticleId: a.id, createdAt: new Date("2026-01-02T00:00:00Z") },
      { email: "=cmd@example.com", name: "=HYPERLINK(\"http://evil\")", createdAt: new Date("2026-01-03T00:00:00Z") },
      { email: "bob@example.org", lastSignInAt: new Date("2026-02-01T10:00:00Z"), createdAt: new Date("2026-01-04T00:00:00Z") },
    ])
    .returning({ id: users.id, email: users.email });
  await db.insert(subscriptions).values({ userId: made[0].id, status: "active" });
});

describe("members on the desk", () => {
  it("searches by address, newest first, with where they joined from and their newsletter status", async () => {
    const all = await searchMembers("", 1);
    expect(all.rows.map((r) => r.email)).toEqual(["bob@example.org", "=cmd@example.com", "ann@example.com"]);
    const found = await searchMembers("ANN@", 1);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ joinedFromTitle: "Night ferry, trial", newsletter: "active" });
    expect((await searchMembers("%", 1)).rows).toEqual([]);
  });

  it("exports the same columns as CSV, formulas defused", async () => {
    const csv = await readAll(memberCsvStream((after, n) => memberBatch("", after, n), "https://news.test", 2));
    const records = parseCsv(csv).records.map((r) => r.fields);
    expect(records[0]).toEqual([...MEMBER_CSV_HEADER]);
    expect(records.slice(1).map((r) => r[0])).toEqual(["'=cmd@example.com", "ann@example.com", "bob@example.org"]);
    const ann = records.find((r) => r[0] === "ann@example.com")!;
    expect(ann).toEqual([
      "ann@example.com",
      "Ann",
      "2026-01-02T00:00:00.000Z",
      "Night ferry, trial",
      "https://news.test/articles/ferry",
      "active",
      "",
      "reader",
    ]);
    expect(records.find((r) => r[0].includes("cmd"))![1]).toBe("'=HYPERLINK(\"http://evil\")");
  });

  it("streams 100,000 members a batch at a time", async () => {
    await db.execute(
      sql`insert into "user" (id, email) select 'bulk-' || g, 'member' || lpad(g::text, 6, '0') || '@bulk.test' from generate_series(1, 100000) g`,
    );
    const batches: number[] = [];
    const stream = memberCsvStream(
      async (after, n) => {
        const rows = await memberBatch("", after, n);
        batches.push(rows.length);
        return rows;
      },
      "https://news.test",
      5000,
    );
    const reader = stream.getReader();
    await reader.read(); // the header
    await reader.read(); // the first batch
    // Pull-based: nothing beyond what the consumer asked for (plus one queued ahead) is read.
    expect(batches.length).toBeLessThanOrEqual(2);
    let lines = 5000;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      lines += new TextDecoder().decode(value).split("\r\n").length - 1;
    }
    expect(lines).toBe(100_003); // the bulk members and the three above
    expect(Math.max(...batches)).toBe(5000);
  }, 180_000);
});
