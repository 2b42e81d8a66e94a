import { beforeAll, describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { subscriptions, users } from "@/lib/db/schema";
import { eq } from "drizzle-orm";
import { applyImport, dryRunImport, storeImport } from "./member-import";

useTestDatabase();

let editor: { kind: "editor"; userId: string; email: string };

beforeAll(async () => {
  const [ed] = await db.insert(users).values({ email: "ed@example.com", role: "editor" }).returning({ id: users.id });
  editor = { kind: "editor", userId: ed.id, email: "ed@example.com" };
  const [old] = await db.insert(users).values({ email: "old@example.com", name: "Old" }).returning({ id: users.id });
  await db.insert(subscriptions).values({ userId: old.id, newsletterId: 1, status: "unsubscribed" });
});

const CSV = "email,name,newsletter\nnew1@example.com,New One,yes\nold@example.com,Renamed,yes\nbroken,,\nnew2@example.com,,no\n";

describe("importing members from another platform", () => {
  it("dry run: counts new, existing and invalid rows and writes no member", async () => {
    const before = await db.select().from(users);
    const id = await storeImport(editor, "members.csv", CSV);
    const dry = await dryRunImport(id);
    expect(dry).toMatchObject({ error: null, appliedAt: null });
    expect(dry!.newRows.map((r) => r.email)).toEqual(["new1@example.com", "new2@example.com"]);
    expect(dry!.existing.map((r) => [r.line, r.email])).toEqual([[3, "old@example.com"]]);
    expect(dry!.invalid).toEqual([{ line: 4, reason: "“broken” is not a valid email address" }]);
    expect(await db.select().from(users)).toEqual(before);
  });

  it("apply: creates the new members with their consent, leaves existing ones alone, once", async () => {
    const id = await storeImport(editor, "members.csv", CSV);
    expect(await applyImport(id)).toEqual({ ok: true, created: 2, existing: 1, invalid: 1 });
    const [n1] = await db.select().from(users).where(eq(users.email, "new1@example.com"));
    expect(n1).toMatchObject({ name: "New One", role: "reader" });
    const subs = await db.select().from(subscriptions);
    expect(subs.find((s) => s.userId === n1.id)).toMatchObject({ status: "active", source: "import" });
    const [old] = await db.select().from(users).where(eq(users.email, "old@example.com"));
    expect(old.name).toBe("Old");
    expect(subs.find((s) => s.userId === old.id)?.status).toBe("unsubscribed");
    const [n2] = await db.select().from(users).where(eq(users.email, "new2@example.com"));
    expect(subs.find((s) => s.userId === n2.id)).toBeUndefined();

    expect(await applyImport(id)).toMatchObject({ ok: false, error: "already_applied" });
    const after = await dryRunImport(id);
    expect(after).toMatchObject({ result: { created: 2, existing: 1, invalid: 1 }, newRows: [] });
  });

  it("knows no import by a made-up id", async () => {
    expect(await dryRunImport("nope")).toBeNull();
    expect(await applyImport("00000000-0000-4000-8000-000000000000")).toMatchObject({ error: "not_found" });
  });
});
