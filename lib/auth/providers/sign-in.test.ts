// Integration: what Lede's door makes of a profile a provider vouched for.
import { describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { useTestDatabase } from "@/test/db";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { startSession } from "../sessions";
import { providerSignIn } from "./sign-in";

useTestDatabase();

let n = 0;
const freshIp = () => `10.32.${++n % 250}.9`;
const address = (p: string) => `${p}-${Date.now().toString(36)}-${++n}@example.com`;
const accounts = async (email: string) => rowsOf(await db.execute(sql`select 1 from "user" where email = ${email}`)).length;

describe("a provider's profile", () => {
  it("with a verified email signs its account in, recorded as a provider sign-in, and asks about the newsletter once", async () => {
    const email = address("verified");
    const first = await providerSignIn("oidc", { email, email_verified: true }, freshIp(), "/articles/a-story");
    expect(first.session?.email).toBe(email);
    expect(first.redirectTo).toBe("/signin/newsletter?callbackUrl=%2Farticles%2Fa-story");
    const again = await providerSignIn("oidc", { email, email_verified: "true" }, freshIp(), "/articles/a-story");
    expect(again.redirectTo).toBe("/articles/a-story");
    const records = rowsOf<{ method: string; provider: string }>(
      await db.execute(sql`select s.method, s.provider from sign_in s join "user" u on u.id = s.user_id where u.email = ${email}`),
    );
    expect(records).toEqual([{ method: "provider", provider: "oidc" }, { method: "provider", provider: "oidc" }]);
  });

  it("is the existing account of that address, kept as its owner typed it, with no newsletter question for a subscriber", async () => {
    const email = address("existing");
    const typed = email.replace(/^e/, "E");
    await startSession(email, "link", typed);
    await db.execute(sql`insert into subscription (user_id, newsletter_id, status) select id, 1, 'active' from "user" where email = ${email}`);
    const verdict = await providerSignIn("google", { email: email.toUpperCase(), email_verified: true }, freshIp(), "//evil.example");
    expect(verdict.session?.email).toBe(typed);
    // The return path is checked like every other: off-site becomes the front page.
    expect(verdict.redirectTo).toBe("/");
  });

  it("with an unverified email, a blocked domain or no email makes nothing and says why", async () => {
    const unverified = address("unverified");
    for (const [profile, error] of [
      [{ email: unverified, email_verified: false }, "provider_unverified"],
      [{ email: unverified }, "provider_unverified"],
      [{ email: "someone@mailinator.com", email_verified: true }, "blocked_email"],
      [{ email_verified: true }, "provider_no_email"],
      [{ email: "not an address", email_verified: true }, "provider_no_email"],
      [null, "provider_no_email"],
    ] as const) {
      const verdict = await providerSignIn("oidc", profile, freshIp(), "/articles/x");
      expect(verdict.session).toBeNull();
      expect(new URL(verdict.redirectTo, "http://x").searchParams.get("error")).toBe(error);
    }
    expect(await accounts(unverified)).toBe(0);
    expect(await accounts("someone@mailinator.com")).toBe(0);
  });

  it("is refused past the client's sign-in budget, the email door's", async () => {
    const ip = freshIp();
    await db.execute(sql`insert into rate_limit (key, points, expire) values (${`signin:ip:${ip}`}, 30, now() + interval '1 hour')`);
    const email = address("limited");
    const verdict = await providerSignIn("oidc", { email, email_verified: true }, ip, "/");
    expect(verdict.session).toBeNull();
    expect(verdict.redirectTo).toContain("error=provider_rate_limited");
    expect(await accounts(email)).toBe(0);
  });
});
