// Client addresses as budgets see them: what a proxy's X-Forwarded-For hop may say, and
// the nested networks an address belongs to. Pure functions (property-tested).
import { isIP } from "node:net";

/** Longer than any spelling of an address with a port and brackets: not one. */
const MAX_HOP = 64;

/**
 * One X-Forwarded-For hop as proxies write it — `203.0.113.9`, `203.0.113.9:5123`,
 * `2001:db8::1`, `[2001:db8::1]`, `[2001:db8::1]:443` — as a canonical address (IPv4
 * dotted, or IPv6 lowercased and shortened; an IPv4-mapped IPv6 address is that IPv4
 * address). Anything else (text, `unknown`, obfuscated names, an IPv4 address with
 * leading zeros, a port out of range) is null: it must not pass for a new network.
 */
export function parseForwardedHop(raw: string): string | null {
  const hop = raw.trim();
  if (hop === "" || hop.length > MAX_HOP) return null;
  let address = hop;
  let port: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(hop);
  if (bracketed) {
    if (isIP(bracketed[1]) !== 6) return null;
    [address, port] = [bracketed[1], bracketed[2]];
  } else {
    const v4port = /^([0-9.]+):(\d+)$/.exec(hop);
    if (v4port) [address, port] = [v4port[1], v4port[2]];
  }
  if (port !== undefined && (port.length > 5 || Number(port) > 65535)) return null;
  // A zone (fe80::1%eth0) is the proxy's own interface, not part of the client's address.
  if (address.includes("%")) return null;
  const family = isIP(address);
  if (family === 4) return address;
  if (family === 6) return canonicalIpv6(address);
  return null;
}

/** An IPv6 address in its shortest form (RFC 5952), or its IPv4 address when mapped. */
function canonicalIpv6(address: string): string {
  const groups = expandIpv6(address);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return dotted(groups[6], groups[7]);
  return new URL(`http://[${address}]/`).hostname.slice(1, -1);
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/** The eight 16-bit groups of a valid IPv6 address (a trailing dotted IPv4 part included). */
function expandIpv6(ip: string): number[] {
  let s = ip.toLowerCase().split("%")[0];
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16));
}

/**
 * The networks an address belongs to, narrowest first, as they are handed out: an IPv4
 * address and its /24; an IPv6 /64 (one host or home), /56 (a customer's site) and /48
 * (an organisation). `host` is the first, `network` the widest. What is not an address
 * ("unknown") is one network of its own.
 */
export type Networks = { host: string; network: string; nested: string[] };

export function networksOf(ip: string): Networks {
  const v4 = ip.replace(/^::ffff:/i, "");
  if (isIP(v4) === 4) return nest([v4, `${v4.slice(0, v4.lastIndexOf("."))}.0/24`]);
  if (isIP(ip) === 6) {
    const groups = expandIpv6(ip);
    // An IPv4-mapped address in hex (::ffff:c000:209) is that IPv4 client.
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) return networksOf(dotted(groups[6], groups[7]));
    const hex = groups.map((g) => g.toString(16));
    const g4 = groups[3] & 0xff00;
    return nest([`${hex.slice(0, 4).join(":")}::/64`, `${hex.slice(0, 3).join(":")}:${g4.toString(16)}::/56`, `${hex.slice(0, 3).join(":")}::/48`]);
  }
  return nest([ip]);
}

function nest(nested: string[]): Networks {
  return { host: nested[0], network: nested[nested.length - 1], nested };
}
