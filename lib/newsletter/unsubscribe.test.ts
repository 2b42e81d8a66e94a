// Integration: the one-click unsubscribe link (one newsletter's, or all), and subscribing again from /account.
import { describe, expect, it } from "vitest";
import { keyedHash } from "@/lib/auth/crypto";
import { useTestDatabase } from "@/test/db";
import { subscriber, subscriptionOf } from "@/test/newsletter";
import { inspectUnsubscribeLink, maskEmail, unsubscribeByLink } from "./unsubscribe";
import { targetFromToken, unsubscribeToken, unsubscribeUrl } from "./unsubscribe-token";
import { createNewsletter, setArchived } from "./newsletters";
import { subscribe, subscriberCounts } from "./subscriptions";

useTestDatabase();

const sport = () => createNewsletter({ name: `Sport ${Math.random()}`, description: "", senderName: "", offeredByDefault: false });

describe("unsubscribe tokens", () => {
  it("name their account and newsletter, and cannot be made or altered without the secret", async () => {
    const id = await subscriber("token@example.com");
    const token = unsubscribeToken(id, 1);
    expect(targetFromToken(token)).toEqual({ userId: id, scope: 1 });
    expect(targetFromToken(unsubscribeToken(id, "all"))).toEqual({ userId: id, scope: "all" });
    const other = await subscriber("other@example.com");
    const mac = token.split(".").pop();
    expect(targetFromToken(`${other}.1.${mac}`)).toBeNull();
    // One newsletter's token cannot be turned into another's, or into "all".
    expect(targetFromToken(`${id}.2.${mac}`)).toBeNull();
    expect(targetFromToken(`${id}.all.${mac}`)).toBeNull();
    expect(targetFromToken(token.slice(0, -1) + (token.endsWith("0") ? "1" : "0"))).toBeNull();
    expect(targetFromToken("")).toBeNull();
    expect(targetFromToken(id)).toBeNull();
    expect(unsubscribeUrl(id, 1)).toBe(`http://localhost:3999/unsubscribe?token=${encodeURIComponent(token)}`);
  });

  it("made before there were several newsletters still leave the first", async () => {
    const id = await subscriber("legacy@example.com");
    const legacy = `${id}.${keyedHash("unsubscribe", id)}`;
    expect(targetFromToken(legacy)).toEqual({ userId: id, scope: 1 });
  });
});

describe("the unsubscribe link", () => {
  it("changes nothing when only looked at (GET), unsubscribes on POST, and the address can subscribe again", async () => {
    const id = await subscriber("jane.doe@example.com");
    const token = unsubscribeToken(id, 1);
    const before = (await subscriberCounts(1)).subscribers;
    for (let i = 0; i < 3; i++) {
      expect(await inspectUnsubscribeLink(token)).toEqual({ kind: "found", maskedEmail: "j…e@example.com", newsletter: "Newsletter", status: "active" });
    }
    expect((await subscriptionOf(id)).status).toBe("active");

    expect(await unsubscribeByLink(token)).toMatchObject({ kind: "found", status: "unsubscribed" });
    const sub = await subscriptionOf(id);
    expect(sub.status).toBe("unsubscribed");
    expect(sub.unsubscribedAt).not.toBeNull();
    expect((await subscriberCounts(1)).subscribers).toBe(before - 1);
    // A second click is harmless.
    expect(await unsubscribeByLink(token)).toMatchObject({ kind: "found", status: "unsubscribed" });

    expect(await subscribe(id, 1)).toBe("active");
    expect((await subscriberCounts(1)).subscribers).toBe(before);
  });

  it("leaves only its own newsletter; the footer's 'all' link leaves every one", async () => {
    const second = await sport();
    const id = await subscriber("two-lists@example.com");
    expect(await subscribe(id, second)).toBe("active");
    await unsubscribeByLink(unsubscribeToken(id, second));
    expect((await subscriptionOf(id, second)).status).toBe("unsubscribed");
    expect((await subscriptionOf(id, 1)).status).toBe("active");

    expect(await subscribe(id, second)).toBe("active");
    expect(await unsubscribeByLink(unsubscribeToken(id, "all"))).toMatchObject({ newsletter: null, status: "unsubscribed" });
    expect((await subscriptionOf(id, second)).status).toBe("unsubscribed");
    expect((await subscriptionOf(id, 1)).status).toBe("unsubscribed");
  });

  it("answers a forged token as invalid and changes nothing", async () => {
    const id = await subscriber("kept@example.com");
    expect(await unsubscribeByLink(`${id}.${"0".repeat(64)}`)).toEqual({ kind: "invalid" });
    expect(await unsubscribeByLink(`${id}.all.${"0".repeat(64)}`)).toEqual({ kind: "invalid" });
    expect((await subscriptionOf(id)).status).toBe("active");
  });

  it("keeps an address that never confirmed pending when it subscribes from /account", async () => {
    const id = await subscriber("unconfirmed@example.com", "none");
    const { db } = await import("@/lib/db/client");
    const { users } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    await db.update(users).set({ emailVerified: null }).where(eq(users.id, id));
    expect(await subscribe(id, 1)).toBe("pending");
  });

  it("takes nobody into an archived newsletter, or one that does not exist", async () => {
    const closed = await sport();
    await setArchived(closed, true);
    const id = await subscriber("late@example.com", "none");
    expect(await subscribe(id, closed)).toBe("none");
    expect(await subscribe(id, 999_999)).toBe("none");
    expect(await subscriptionOf(id, closed)).toBeUndefined();
  });
});

describe("maskEmail", () => {
  it("shows enough to recognise an address", () => {
    expect(maskEmail("ab@x.org")).toBe("a…@x.org");
    expect(maskEmail("jane@x.org")).toBe("j…e@x.org");
  });
});
