import "server-only";
import { isIP } from "node:net";
import { sql, type SQL } from "drizzle-orm";
import { runPrepared, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

/**
 * Fixed-window counters in PostgreSQL (the rate_limit table), so every process shares
 * them. All the budgets of one request are spent in one statement: one round trip, and
 * atomic per counter however many requests race (each gets its own count back).
 */
export type Budget = { key: string; limit: number; windowSeconds: number };

/** Sign-in mail: per client address, and per (address, requesting network). */
export const SIGN_IN_LIMITS = {
  perIpHour: { limit: 30, windowSeconds: 60 * 60 },
  perAddressNetwork10m: { limit: 3, windowSeconds: 10 * 60 },
  perAddressNetworkDay: { limit: 10, windowSeconds: 24 * 60 * 60 },
} as const;

/** Typed codes: per client address, and per account address across all its live codes. */
export const CODE_LIMITS = {
  perIpHour: { limit: 20, windowSeconds: 60 * 60 },
  perAddressHour: { limit: 5, windowSeconds: 60 * 60 },
  perAddressDay: { limit: 10, windowSeconds: 24 * 60 * 60 },
} as const;

/**
 * The client's network, for budgets one network must not spend for everyone: IPv4 /24,
 * IPv6 /48. `host`: the key for one client (IPv6 /64, since a host owns a whole /64).
 */
export function networkOf(ip: string): { host: string; network: string } {
  const v4 = ip.replace(/^::ffff:/i, "");
  if (isIP(v4) === 4) return { host: v4, network: `${v4.slice(0, v4.lastIndexOf("."))}.0/24` };
  if (isIP(ip) === 6) {
    const groups = expandIpv6(ip);
    // An IPv4-mapped address in hex (::ffff:c000:209) is that IPv4 client.
    if (groups.slice(0, 5).every((g) => g === "0") && groups[5] === "ffff") {
      const [hi, lo] = [parseInt(groups[6], 16), parseInt(groups[7], 16)];
      return networkOf(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return { host: `${groups.slice(0, 4).join(":")}::/64`, network: `${groups.slice(0, 3).join(":")}::/48` };
  }
  return { host: ip, network: ip };
}

/** The eight groups of a valid IPv6 address, without leading zeros. */
function expandIpv6(ip: string): string[] {
  let s = ip.toLowerCase().split("%")[0];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(s);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    s = `${s.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split("::");
  const left = head ? head.split(":") : [];
  const right = tail === undefined || tail === "" ? [] : tail.split(":");
  const zeros = tail === undefined ? [] : Array(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((g) => parseInt(g, 16).toString(16));
}

export function signInBudgets(email: string, ip: string): Budget[] {
  const { host, network } = networkOf(ip);
  return [
    { key: `signin:ip:${host}`, ...SIGN_IN_LIMITS.perIpHour },
    { key: `signin:an10m:${email}|${network}`, ...SIGN_IN_LIMITS.perAddressNetwork10m },
    { key: `signin:anday:${email}|${network}`, ...SIGN_IN_LIMITS.perAddressNetworkDay },
  ];
}

/** The wrong-code budgets of one address, across all its live codes. */
export function addressCodeBudgets(email: string): Budget[] {
  return [
    { key: `code:a1h:${email}`, ...CODE_LIMITS.perAddressHour },
    { key: `code:aday:${email}`, ...CODE_LIMITS.perAddressDay },
  ];
}

export function codeBudgets(email: string, ip: string): Budget[] {
  return [{ key: `code:ip:${networkOf(ip).host}`, ...CODE_LIMITS.perIpHour }, ...addressCodeBudgets(email)];
}

export type Spent = { key: string; points: number; limit: number; retryAfterSeconds: number };

type CounterRow = { key: string; points: number; wait: number };

/**
 * The statement that spends one point of each budget (only `when` holds, if given) and
 * returns each counter after it. Keys are locked in sorted order, so racing requests
 * never deadlock.
 */
export function spendStatement(budgets: Budget[], when: SQL = sql`true`): SQL {
  const sorted = [...budgets].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const values = sql.join(
    sorted.map((b) => sql`(${b.key}::text, ${b.windowSeconds}::int)`),
    sql`, `,
  );
  return sql`
    INSERT INTO rate_limit (key, points, expire)
    SELECT k, 1, now() + make_interval(secs => s) FROM (VALUES ${values}) AS v(k, s) WHERE ${when}
    ON CONFLICT (key) DO UPDATE SET
      points = CASE WHEN rate_limit.expire IS NULL OR rate_limit.expire <= now() THEN 1 ELSE rate_limit.points + 1 END,
      expire = CASE WHEN rate_limit.expire IS NULL OR rate_limit.expire <= now() THEN excluded.expire ELSE rate_limit.expire END
    RETURNING key, points, ceil(extract(epoch FROM expire - now()))::int AS wait`;
}

/** Each budget with its counter, in the order given, from spendStatement's rows. */
export function spentFrom(budgets: Budget[], rows: CounterRow[]): Spent[] {
  const byKey = new Map(rows.map((r) => [r.key, r]));
  return budgets.map((b) => {
    const r = byKey.get(b.key);
    return { key: b.key, points: Number(r?.points ?? 0), limit: b.limit, retryAfterSeconds: Math.max(1, Number(r?.wait ?? 1)) };
  });
}

/** Spends one point of each budget, in one statement: one round trip, atomic per counter. */
export async function spend(budgets: Budget[], tx?: Executor): Promise<Spent[]> {
  const statement = spendStatement(budgets);
  return spentFrom(budgets, tx ? rowsOf<CounterRow>(await tx.execute(statement)) : await runPrepared<CounterRow>(statement));
}

/** The first budget over its limit, if any. */
export function overLimit(spent: Spent[]): Spent | null {
  return spent.find((s) => s.points > s.limit) ?? null;
}

/** "in 7 minutes", "in 2 hours": when a refused reader may try again. */
export function describeWait(seconds: number): string {
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in ${Math.ceil(minutes / 60)} hours`;
}
