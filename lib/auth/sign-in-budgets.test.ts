// Integration: sign-in budgets nest as networks are handed out — an IPv6 /64, /56 and /48,
// an IPv4 address and its /24 — so one allocation cannot ask for mail without end by
// moving to its next /64 or address.
import { describe, expect, it } from "vitest";
import { useTestDatabase } from "@/test/db";
import { requestSignIn } from "./request-sign-in";
import { SIGN_IN_LIMITS } from "./rate-limits";

useTestDatabase();

let n = 0;
/** Each request for a new address (so no per-address budget is met). */
const ask = (ip: string) =>
  requestSignIn({ email: `budget-${++n}@example.com`, newsletter: false, articleSlug: null, callbackUrl: "/", honeypot: "", ip, joining: false });

async function okCount(ips: string[]): Promise<number> {
  let ok = 0;
  for (const ip of ips) if ((await ask(ip)).ok) ok++;
  return ok;
}

const { perIpHour, perSiteHour, perNetworkHour } = SIGN_IN_LIMITS;

describe("sign-in budgets per network", () => {
  it("count one IPv6 /64 as one client, whatever its last 64 bits", async () => {
    const ips = Array.from({ length: perIpHour.limit + 5 }, (_, i) => `2001:db8:1:1:${i.toString(16)}::${i + 1}`);
    expect(await okCount(ips)).toBe(perIpHour.limit);
    const refused = await ask("2001:db8:1:1:ffff::1");
    expect(refused).toMatchObject({ ok: false, error: "rate_limited" });
    expect(refused.ok || refused.message).toMatch(/from your network/);
  });

  it("hold a /56 to its budget across many /64s, and a /48 across many /56s", async () => {
    // 20 /64s of one /56, 5 requests each: the /56's budget ends it, not the /64s'.
    const in56 = Array.from({ length: 100 }, (_, i) => `2001:db8:2:${(0x100 + (i % 20)).toString(16)}::${i + 1}`);
    expect(await okCount(in56)).toBe(perSiteHour.limit);
    // Then /64s of other /56s in the same /48: the /48's budget ends them (every request
    // asked counts there, refused or not).
    const in48 = Array.from({ length: 100 }, (_, i) => `2001:db8:2:${(0x200 + i * 0x100).toString(16)}::1`);
    expect(await okCount(in48)).toBe(perNetworkHour.limit - in56.length);
    // Another /48 is another network.
    expect((await ask("2001:db8:3::1")).ok).toBe(true);
  });

  it("count an IPv4 address, and its /24 across addresses, but not the next /24", async () => {
    const one = Array.from({ length: perIpHour.limit + 3 }, () => "198.51.100.7");
    expect(await okCount(one)).toBe(perIpHour.limit);
    const rest = Array.from({ length: perNetworkHour.limit }, (_, i) => `198.51.100.${10 + (i % 200)}`);
    expect(await okCount(rest)).toBe(perNetworkHour.limit - one.length);
    for (const ip of ["198.51.101.7", "198.51.102.7", "203.0.113.7"]) expect((await ask(ip)).ok).toBe(true);
  });

  it("know an IPv4 client behind its IPv4-mapped IPv6 spellings", async () => {
    const spellings = ["192.0.2.9", "::ffff:192.0.2.9", "::ffff:c000:209", "::FFFF:C000:0209"];
    const ips = Array.from({ length: perIpHour.limit + 4 }, (_, i) => spellings[i % spellings.length]);
    expect(await okCount(ips)).toBe(perIpHour.limit);
  });
});
