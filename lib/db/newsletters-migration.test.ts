// Migration 0014 (several newsletters) on a PostgreSQL database holding real rows of every
// subscription status: each moves into the first newsletter as it was, and nothing is lost.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const BASE_URL = process.env.LEDE_TEST_BASE_URL ?? process.env.DATABASE_URL ?? "";
const folder = path.resolve(process.cwd(), "drizzle");
const files = fs.readdirSync(folder).filter((f) => /^\d{4}_.*\.sql$/.test(f)).sort();
const TARGET = files.findIndex((f) => f.endsWith("_newsletters.sql"));

async function apply(sql: postgres.Sql, file: string) {
  for (const statement of fs.readFileSync(path.join(folder, file), "utf8").split("--> statement-breakpoint")) {
    if (statement.trim()) await sql.unsafe(statement);
  }
}

describe.skipIf(!BASE_URL)("migration 0014: several newsletters", () => {
  const name = `${process.env.LEDE_TEST_DB_PREFIX ?? "lede_t_"}mig_${crypto.randomBytes(5).toString("hex")}`;
  let sql: postgres.Sql;
  beforeAll(async () => {
    const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    await admin.end();
    const u = new URL(BASE_URL);
    u.pathname = `/${name}`;
    sql = postgres(u.toString(), { max: 1, onnotice: () => {} });
    for (const f of files.slice(0, TARGET)) await apply(sql, f);
  });
  afterAll(async () => {
    await sql?.end();
    const admin = postgres(BASE_URL, { max: 1, onnotice: () => {} });
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });

  it("moves every subscription, of every status, and every issue into the first newsletter", async () => {
    const statuses = ["pending", "active", "unsubscribed", "suppressed"] as const;
    const consent = new Date("2026-03-01T10:00:00Z");
    for (const [i, status] of statuses.entries()) {
      await sql`INSERT INTO "user" (id, email) VALUES (${`u${i}`}, ${`${status}@example.com`})`;
      await sql`INSERT INTO subscription (user_id, status, consent_at, confirmed_at, unsubscribed_at, source, suppressed_reason)
                VALUES (${`u${i}`}, ${status}, ${consent}, ${status === "pending" ? null : consent},
                        ${status === "unsubscribed" ? consent : null}, ${i % 2 ? "import" : "gate"},
                        ${status === "suppressed" ? "550 no such user" : null})`;
    }
    const [issue] = await sql`INSERT INTO newsletter_issue (subject, status) VALUES ('Before', 'sent') RETURNING id`;
    await sql`INSERT INTO newsletter_delivery (issue_id, user_id, email, status) VALUES (${issue.id}, 'u1', 'active@example.com', 'sent')`;
    const before = await sql`SELECT user_id, status, consent_at, confirmed_at, unsubscribed_at, source, suppressed_reason FROM subscription ORDER BY user_id`;

    await apply(sql, files[TARGET]);

    const [first] = await sql`SELECT id, name, offered_by_default, archived_at FROM newsletter`;
    expect(first).toMatchObject({ id: 1, offered_by_default: true, archived_at: null });
    const after = await sql`SELECT user_id, status, consent_at, confirmed_at, unsubscribed_at, source, suppressed_reason, newsletter_id
                            FROM subscription ORDER BY user_id`;
    expect(after.map(({ newsletter_id, ...rest }) => (expect(newsletter_id).toBe(1), rest))).toEqual([...before]);
    expect(await sql`SELECT id, newsletter_id, status FROM newsletter_issue`).toEqual([{ id: issue.id, newsletter_id: 1, status: "sent" }]);
    expect((await sql`SELECT count(*)::int AS n FROM newsletter_delivery`)[0].n).toBe(1);

    // A second newsletter gets its own ids and its own subscription of the same reader.
    const [second] = await sql`INSERT INTO newsletter (name) VALUES ('Sport') RETURNING id`;
    expect(second.id).toBe(2);
    await sql`INSERT INTO subscription (user_id, newsletter_id, status) VALUES ('u1', ${second.id}, 'active')`;
    await expect(sql`INSERT INTO subscription (user_id, newsletter_id, status) VALUES ('u1', 1, 'active')`).rejects.toThrow(/duplicate key/);
  });
});
