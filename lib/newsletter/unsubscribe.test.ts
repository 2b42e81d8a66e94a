// Integration: the one-click unsubscribe link, and subscribing again from /account.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { subscriber, subscriptionOf } from "@/test/newsletter";
import { inspectUnsubscribeLink, maskEmail, unsubscribeByLink } from "./unsubscribe";
import { unsubscribeToken, unsubscribeUrl, userIdFromToken } from "./unsubscribe-token";
import { subscribe, subscriberCounts } from "./subscriptions";

useTestDatabase();

describe("unsubscribe tokens", () => {
  it("name their account and cannot be made or altered without the secret", async () => {
    const id = await subscriber("token@example.com");
    const token = unsubscribeToken(id);
    expect(userIdFromToken(token)).toBe(id);
    const other = await subscriber("other@example.com");
    const forged = `${other}.${token.split(".")[1]}`;
    expect(userIdFromToken(forged)).toBeNull();
    expect(userIdFromToken(token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"))).toBeNull();
    expect(userIdFromToken("")).toBeNull();
    expect(userIdFromToken(id)).toBeNull();
    expect(unsubscribeUrl(id)).toBe(`http://localhost:3999/unsubscribe?token=${encodeURIComponent(token)}`);
  });
});

describe("the unsubscribe link", () => {
  it("changes nothing when only looked at (GET), unsubscribes on POST, and the address can subscribe again", async () => {
    const id = await subscriber("jane.doe@example.com");
    const token = unsubscribeToken(id);
    const before = (await subscriberCounts()).subscribers;
    for (let i = 0; i < 3; i++) {
      expect(await inspectUnsubscribeLink(token)).toEqual({ kind: "found", maskedEmail: "j…e@example.com", status: "active" });
    }
    expect((await subscriptionOf(id)).status).toBe("active");

    expect(await unsubscribeByLink(token)).toMatchObject({ kind: "found", status: "unsubscribed" });
    const sub = await subscriptionOf(id);
    expect(sub.status).toBe("unsubscribed");
    expect(sub.unsubscribedAt).not.toBeNull();
    expect((await subscriberCounts()).subscribers).toBe(before - 1);
    // A second click is harmless.
    expect(await unsubscribeByLink(token)).toMatchObject({ kind: "found", status: "unsubscribed" });

    expect(await subscribe(id)).toBe("active");
    expect((await subscriberCounts()).subscribers).toBe(before);
  });

  it("answers a forged token as invalid and changes nothing", async () => {
    const id = await subscriber("kept@example.com");
    expect(await unsubscribeByLink(`${id}.${"0".repeat(64)}`)).toEqual({ kind: "invalid" });
    expect((await subscriptionOf(id)).status).toBe("active");
  });

  it("keeps an address that never confirmed pending when it subscribes from /account", async () => {
    const id = await subscriber("unconfirmed@example.com", "none");
    const { db } = await import("@/lib/db/client");
    const { users } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(users).set({ emailVerified: null }).where(eq(users.id, id));
    expect(await subscribe(id)).toBe("pending");
  });
});

describe("maskEmail", () => {
  it("shows enough to recognise an address", () => {
    expect(maskEmail("ab@x.org")).toBe("a…@x.org");
    expect(maskEmail("jane@x.org")).toBe("j…e@x.org");
  });
});
