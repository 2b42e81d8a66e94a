import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { articles, subscriptions, users } from "@/lib/db/schema";
import { sql } from "drizzle-orm";
import { searchMembers, memberBatch, memberFilter } from "./members";
import { memberCsvStream, MEMBER_CSV_HEADER } from "./member-export";
import { parseCsv } from "./csv";
import { applyImport, storeImport } from "./member-import";

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
      // Signed in once: confirmed.
      {
        email: "ann@example.com",
        name: "Ann",
        joinedFromArticleId: a.id,
        emailVerified: new Date("2026-01-02T00:05:00Z"),
        createdAt: new Date("2026-01-02T00:00:00Z"),
      },
      { email: "=cmd@example.com", name: "=HYPERLINK(\"http://evil\")", createdAt: new Date("2026-01-03T00:00:00Z") },
      {
        email: "bob@example.org",
        emailVerified: new Date("2026-01-04T00:01:00Z"),
        lastSignInAt: new Date("2026-02-01T10:00:00Z"),
        createdAt: new Date("2026-01-04T00:00:00Z"),
      },
      // Asked to join from the ferry story and never confirmed.
      { email: "eve@example.com", joinedFromArticleId: a.id, createdAt: new Date("2026-01-05T00:00:00Z") },
      // Imported by the publisher, never signed in: confirmed.
      { email: "ivy@example.net", importedAt: new Date("2026-01-06T00:00:00Z"), createdAt: new Date("2026-01-06T00:00:00Z") },
      // Made an editor by `npm run editor:add`, never signed in: confirmed.
      { email: "ed@example.com", role: "editor", createdAt: new Date("2026-01-07T00:00:00Z") },
    ])
    .returning({ id: users.id, email: users.email });
  await db.insert(subscriptions).values({ userId: made[0].id, newsletterId: 1, status: "active" });
});

describe("members on the desk", () => {
  it("searches by address, newest first, with where they joined from and their newsletter status", async () => {
    const all = await searchMembers("", 1);
    expect(all.rows.map((r) => r.email)).toEqual(["ed@example.com", "ivy@example.net", "bob@example.org", "ann@example.com"]);
    const found = await searchMembers("ANN@", 1);
    expect(found.rows).toHaveLength(1);
    expect(found.rows[0]).toMatchObject({ joinedFromTitle: "Night ferry, trial", newsletter: "active" });
    expect((await searchMembers("%", 1)).rows).toEqual([]);
  });

  it("lists confirmed members apart from addresses awaiting confirmation, with separate totals", async () => {
    const confirmed = await searchMembers("", 1, "confirmed");
    expect(confirmed.total).toBe(4);
    expect(confirmed.counts).toEqual({ confirmed: 4, awaiting: 2 });
    expect(Object.fromEntries(confirmed.rows.map((r) => [r.email, r.status]))).toEqual({
      "ed@example.com": "confirmed",
      "ivy@example.net": "imported",
      "bob@example.org": "confirmed",
      "ann@example.com": "confirmed",
    });
    const awaiting = await searchMembers("", 1, "awaiting");
    expect(awaiting.total).toBe(2);
    expect(awaiting.rows.map((r) => [r.email, r.status])).toEqual([
      ["eve@example.com", "awaiting"],
      ["=cmd@example.com", "awaiting"],
    ]);
    // The totals follow the search.
    expect((await searchMembers("example.com", 1, "awaiting")).counts).toEqual({ confirmed: 2, awaiting: 2 });
    // Anything but "awaiting" in the URL means the confirmed side.
    expect([memberFilter("awaiting"), memberFilter("AWAITING"), memberFilter(["awaiting"]), memberFilter(undefined)]).toEqual([
      "awaiting",
      "confirmed",
      "confirmed",
      "confirmed",
    ]);
  });

  it("exports each side as CSV, the same columns plus confirmed yes/no, formulas defused", async () => {
    const csv = await readAll(memberCsvStream((after, n) => memberBatch("", "confirmed", after, n), "https://news.test", 2));
    const records = parseCsv(csv).records.map((r) => r.fields);
    expect(records[0]).toEqual([...MEMBER_CSV_HEADER]);
    const confirmedAt = MEMBER_CSV_HEADER.indexOf("confirmed");
    expect(records[0].slice(confirmedAt + 1).every((h) => h.startsWith("consent_"))).toBe(true);
    expect(records.slice(1).map((r) => [r[0], r[confirmedAt]])).toEqual([
      ["ann@example.com", "yes"],
      ["bob@example.org", "yes"],
      ["ed@example.com", "yes"],
      ["ivy@example.net", "yes"],
    ]);
    const waiting = parseCsv(await readAll(memberCsvStream((after, n) => memberBatch("", "awaiting", after, n), "https://news.test", 1)));
    expect(waiting.records.slice(1).map((r) => [r.fields[0], r.fields[confirmedAt]])).toEqual([
      ["'=cmd@example.com", "no"],
      ["eve@example.com", "no"],
    ]);
    expect(waiting.records.find((r) => r.fields[0].includes("cmd"))!.fields[1]).toBe("'=HYPERLINK(\"http://evil\")");
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
      "yes",
      // No consent record for a member made directly in the database: the proof columns are empty.
      ...Array(7).fill(""),
    ]);
  });

  it("counts an imported member as confirmed, and an address awaiting confirmation once the publisher imports it", async () => {
    const [ed] = await db.select({ id: users.id }).from(users).where(sql`${users.email} = 'ed@example.com'`);
    const editor = { kind: "editor" as const, userId: ed.id, email: "ed@example.com" };
    const id = await storeImport(editor, "old-platform.csv", "email,newsletter\neve@example.com,no\nnew@example.com,yes\n");
    expect(await applyImport(id)).toMatchObject({ ok: true, created: 1, existing: 1 });
    const confirmed = await searchMembers("", 1, "confirmed");
    expect(confirmed.counts).toEqual({ confirmed: 6, awaiting: 1 });
    expect(confirmed.rows.filter((r) => ["eve@example.com", "new@example.com"].includes(r.email)).map((r) => r.status)).toEqual([
      "imported",
      "imported",
    ]);
    expect((await searchMembers("", 1, "awaiting")).rows.map((r) => r.email)).toEqual(["=cmd@example.com"]);
  });

  it("streams 100,000 members a batch at a time", async () => {
    await db.execute(
      sql`insert into "user" (id, email) select 'bulk-' || g, 'member' || lpad(g::text, 6, '0') || '@bulk.test' from generate_series(1, 100000) g`,
    );
    const batches: number[] = [];
    const stream = memberCsvStream(
      async (after, n) => {
        const rows = await memberBatch("", "awaiting", after, n);
        batches.push(rows.length);
        return rows;
      },
      "https://news.test",
      5000,
    );
    const reader = stream.getReader();
    const decoder = new TextDecoder();
    let lines = 0;
    // Pull-based: once the consumer has the header and the first records, nothing beyond
    // the first batch (plus one queued ahead) has been read.
    while (lines < 2) lines += decoder.decode((await reader.read()).value).split("\r\n").length - 1;
    expect(batches.length).toBeLessThanOrEqual(2);
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      lines += decoder.decode(value).split("\r\n").length - 1;
    }
    expect(lines).toBe(1 + 100_001); // the header, the bulk accounts (never confirmed) and the one above
    expect(Math.max(...batches)).toBe(5000);
  }, 180_000);
});
