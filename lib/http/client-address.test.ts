// Property tests: whatever a proxy writes in an X-Forwarded-For hop is read as the one
// address it names, or refused; nothing else (text, ports, brackets, odd spellings) can
// pass for a fresh network.
import { isIP } from "node:net";
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { networksOf, parseForwardedHop } from "./client-address";

const port = fc.integer({ min: 0, max: 65535 });

describe("parseForwardedHop", () => {
  it("reads an IPv4 address alone or with a port as that address", () => {
    fc.assert(
      fc.property(fc.ipV4(), port, (ip, p) => {
        expect(parseForwardedHop(ip)).toBe(ip);
        expect(parseForwardedHop(` ${ip}:${p} `)).toBe(ip);
      }),
    );
  });

  it("reads an IPv6 address bare, in brackets, or in brackets with a port, as one canonical address of the same networks", () => {
    fc.assert(
      fc.property(fc.ipV6(), port, (ip, p) => {
        const canonical = parseForwardedHop(ip);
        expect(canonical).not.toBeNull();
        expect(parseForwardedHop(`[${ip}]`)).toBe(canonical);
        expect(parseForwardedHop(`[${ip}]:${p}`)).toBe(canonical);
        expect(parseForwardedHop(ip.toUpperCase())).toBe(canonical);
        expect(parseForwardedHop(canonical!)).toBe(canonical);
        expect(networksOf(canonical!)).toEqual(networksOf(ip));
      }),
    );
  });

  it("answers only with a canonical address, or null, whatever the text", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.ipV4Extended(), fc.ipV6().map((s) => `${s}%eth0`)), (hop) => {
        const parsed = parseForwardedHop(hop);
        if (parsed === null) return;
        expect(isIP(parsed)).not.toBe(0);
        expect(parseForwardedHop(parsed)).toBe(parsed);
      }),
    );
  });

  it("refuses an address with anything else around it", () => {
    const junk = ["x", " x", ";", "/24", "]", "[", "%eth0", "\u0000", ".", "_", "#1", "=", "@h"];
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.constantFrom(...junk), (ip, tail) => {
        expect(parseForwardedHop(`${ip}${tail}`)).toBeNull();
        expect(parseForwardedHop(`${tail}${ip}`)).toBeNull();
      }),
    );
    fc.assert(
      fc.property(fc.ipV4(), fc.constantFrom(":", ":99999", ":-1", ":80:80", ":0x50"), (ip, tail) => {
        expect(parseForwardedHop(`${ip}${tail}`)).toBeNull();
      }),
    );
  });

  it("gives a bare IPv6 address with a port (which proxies should bracket) one network whatever the port", () => {
    // `2001:db8::1:443` is itself an address: a port written without brackets cannot be
    // told apart. The client chooses its port, so the port must not choose the network.
    fc.assert(
      fc.property(fc.ipV6(), port, port, (ip, p1, p2) => {
        const [a, b] = [parseForwardedHop(`${ip}:${p1}`), parseForwardedHop(`${ip}:${p2}`)];
        // Refused (null) counts as the proxy's own address, which is no fresh network either.
        if (a !== null && b !== null) expect(networksOf(a).host).toBe(networksOf(b).host);
      }),
    );
  });

  it("refuses what proxies write for a client they will not name, and ambiguous spellings", () => {
    for (const hop of ["unknown", "_hidden", "_abc", "", " ", "localhost", "example.com", "010.0.0.1", "0x7f.0.0.1", "127.1", "1.2.3.4.5", "[1.2.3.4]", "[::1]:", "[::1]:65536", "::1:80x"]) {
      expect(parseForwardedHop(hop), hop).toBeNull();
    }
  });
});

describe("networksOf", () => {
  it("nests an IPv6 address in its /64, /56 and /48", () => {
    expect(networksOf("2001:db8:abcd:12ff:1::7").nested).toEqual(["2001:db8:abcd:12ff::/64", "2001:db8:abcd:1200::/56", "2001:db8:abcd::/48"]);
  });

  it("nests an IPv4 address in its /24, however it is spelled", () => {
    for (const ip of ["203.0.113.9", "::ffff:203.0.113.9", "::ffff:cb00:7109"]) {
      expect(networksOf(ip)).toEqual({ host: "203.0.113.9", network: "203.0.113.0/24", nested: ["203.0.113.9", "203.0.113.0/24"] });
    }
  });

  it("puts every address of a /64 in the same networks, and the /64s of one /48 in one /48", () => {
    const group = fc.integer({ min: 0, max: 0xffff }).map((n) => n.toString(16));
    fc.assert(
      fc.property(fc.array(group, { minLength: 8, maxLength: 8 }), fc.array(group, { minLength: 5, maxLength: 5 }), (a, b) => {
        const first = networksOf(a.join(":"));
        const sameHost = networksOf([...a.slice(0, 4), ...b.slice(0, 4)].join(":"));
        const same48 = networksOf([...a.slice(0, 3), ...b].join(":"));
        if (a.slice(0, 5).every((g) => g === "0") && a[5] === "ffff") return; // IPv4-mapped
        expect(sameHost).toEqual(first);
        expect(same48.network).toBe(first.network);
      }),
    );
  });
});
