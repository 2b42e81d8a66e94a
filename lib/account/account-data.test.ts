// Integration: "Export my data" and "Delete my account".
import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { article, issue, subscriber } from "@/test/newsletter";
import { db } from "@/lib/db/client";
import { joins, newsletterDeliveries, passkeys, sessions, signIns, subscriptions, users } from "@/lib/db/schema";
import { deleteAccount } from "./delete";
import { exportAccount } from "./export";

useTestDatabase();

async function member(email: string) {
  const id = await subscriber(email);
  const from = await article(`joined-${email.split("@")[0]}`, true);
  await db.insert(joins).values({ userId: id, articleId: from, newsletterConsent: true });
  await db.insert(signIns).values([{ userId: id, method: "link" }, { userId: id, method: "code" }]);
  await db.insert(sessions).values({ sessionToken: `hash-${email}`, userId: id, expires: new Date(Date.now() + 86_400_000) });
  await db.insert(passkeys).values({ id: `cred-${email}`, userId: id, publicKey: `key-${email}`, deviceType: "multiDevice", backedUp: true, name: "Chrome on Linux" });
  const issueId = await issue("An issue", [from]);
  await db.insert(newsletterDeliveries).values({ issueId, userId: id, email, status: "sent", sentAt: new Date() });
  return { id, issueId };
}

describe("exportAccount", () => {
  it("holds the account, subscription, sign-ins, the articles joined from and newsletters sent", async () => {
    const { id } = await member("export@example.com");
    const data = (await exportAccount(id))!;
    expect(data.account.email).toBe("export@example.com");
    expect(data.subscriptions).toEqual([expect.objectContaining({ status: "active" })]);
    expect(data.signIns.map((s) => s.method)).toEqual(["link", "code"]);
    expect(data.articlesJoinedFrom).toEqual([expect.objectContaining({ slug: "joined-export", newsletterConsent: true })]);
    expect(data.newslettersSent).toEqual([expect.objectContaining({ subject: "An issue", status: "sent" })]);
    expect(data.passkeys).toEqual([expect.objectContaining({ name: "Chrome on Linux", backedUp: true })]);
    // Nothing secret: no session or token hashes, no key material.
    expect(JSON.stringify(data)).not.toContain("hash-export");
    expect(JSON.stringify(data)).not.toContain("key-export");
  });
});

describe("deleteAccount", () => {
  it("removes the account, its sessions, sign-ins and subscription, and clears its deliveries' personal fields", async () => {
    const { id, issueId } = await member("delete@example.com");
    const keep = await member("keep@example.com");
    expect(await deleteAccount(id)).toBe(true);

    expect(await db.select().from(users).where(eq(users.id, id))).toEqual([]);
    expect(await db.select().from(sessions).where(eq(sessions.userId, id))).toEqual([]);
    expect(await db.select().from(signIns).where(eq(signIns.userId, id))).toEqual([]);
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, id))).toEqual([]);
    expect(await db.select().from(passkeys).where(eq(passkeys.userId, keep.id))).toHaveLength(1);
    expect(await db.select().from(subscriptions).where(eq(subscriptions.userId, id))).toEqual([]);
    const deliveries = await db.select().from(newsletterDeliveries).where(eq(newsletterDeliveries.issueId, issueId));
    expect(deliveries).toEqual([expect.objectContaining({ userId: null, email: null, status: "sent" })]);
    expect(JSON.stringify(await db.select().from(newsletterDeliveries))).not.toContain("delete@example.com");

    // Someone else's data is untouched.
    expect((await exportAccount(keep.id))!.account.email).toBe("keep@example.com");
    expect(await deleteAccount(id)).toBe(false);
  });
});
