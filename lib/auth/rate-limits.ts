import "server-only";
import { sql, type SQL } from "drizzle-orm";
import { runPrepared, type Executor } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { networksOf } from "@/lib/http/client-address";
import { keyedHash } from "./crypto";

/**
 * Fixed-window counters in PostgreSQL (the rate_limit table), so every process shares
 * them. All the budgets of one request are spent in one statement: one round trip, and
 * atomic per counter however many requests race (each gets its own count back).
 */
export type Budget = {
  key: string;
  limit: number;
  windowSeconds: number;
  /** Spent only when this holds in the statement (default: always). */
  when?: SQL;
};

const HOUR = 60 * 60;

/**
 * Sign-in mail: nested per client network as networks are handed out (an IPv4 address
 * and its /24; an IPv6 /64, /56 and /48), per (address, requesting network), and a
 * site-wide ceiling on mail to addresses that are not members yet.
 */
export const SIGN_IN_LIMITS = {
  /** IPv4 address, IPv6 /64. */
  perIpHour: { limit: 30, windowSeconds: HOUR },
  /** IPv6 /56. */
  perSiteHour: { limit: 60, windowSeconds: HOUR },
  /** IPv4 /24, IPv6 /48. */
  perNetworkHour: { limit: 120, windowSeconds: HOUR },
  perAddressNetwork10m: { limit: 3, windowSeconds: 10 * 60 },
  perAddressNetworkDay: { limit: 10, windowSeconds: 24 * 60 * 60 },
} as const;

/**
 * Typed codes: per client and per network, whatever address they try; and per (address,
 * browser key), the only tries that can match a code (lib/auth/device-key.ts).
 */
export const CODE_LIMITS = {
  /** IPv4 address, IPv6 /64. */
  perIpHour: { limit: 20, windowSeconds: HOUR },
  /** IPv4 /24, IPv6 /48. */
  perNetworkHour: { limit: 60, windowSeconds: HOUR },
  perDeviceHour: { limit: 5, windowSeconds: HOUR },
  perDeviceDay: { limit: 10, windowSeconds: 24 * HOUR },
} as const;

/**
 * The client's network, for budgets one network must not spend for everyone: IPv4 /24,
 * IPv6 /48. `host`: the key for one client (IPv6 /64, since a host owns a whole /64).
 */
export function networkOf(ip: string): { host: string; network: string } {
  const { host, network } = networksOf(ip);
  return { host, network };
}

export type SignInBudgets = {
  /** The client's networks, narrowest first. */
  network: Budget[];
  /** This address from this network. */
  address: Budget[];
  /** The site-wide ceiling on mail to addresses that are not members (spent only for those). */
  newAddress: Budget;
};

/** Counters the site-wide ceiling is spread over, so that joins never queue on one row. */
const NEW_ADDRESS_SHARDS = 8;

/**
 * The budgets of one sign-in mail. `isNewAddress` is the statement's own test of whether
 * the address is not a member yet (members signing in never spend the site's ceiling).
 */
/** The nested per-network budgets of any sign-in (mail, passkey, provider), narrowest first. */
export function signInNetworkBudgets(ip: string): Budget[] {
  const { nested } = networksOf(ip);
  const netLimits = nested.length === 3 ? [SIGN_IN_LIMITS.perIpHour, SIGN_IN_LIMITS.perSiteHour, SIGN_IN_LIMITS.perNetworkHour] : [SIGN_IN_LIMITS.perIpHour, SIGN_IN_LIMITS.perNetworkHour];
  return nested.map((net, i) => ({ key: i === 0 ? `signin:ip:${net}` : `signin:net:${net}`, ...netLimits[Math.min(i, netLimits.length - 1)] }));
}

export function signInBudgets(email: string, ip: string, newAddressHourlyCap: number, isNewAddress: SQL): SignInBudgets {
  const { network } = networksOf(ip);
  // One counter per address's shard: a ceiling of n is n counters of one below 8.
  const shards = Math.min(NEW_ADDRESS_SHARDS, newAddressHourlyCap);
  const shard = [...email].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % shards;
  return {
    network: signInNetworkBudgets(ip),
    address: [
      { key: `signin:an10m:${email}|${network}`, ...SIGN_IN_LIMITS.perAddressNetwork10m },
      { key: `signin:anday:${email}|${network}`, ...SIGN_IN_LIMITS.perAddressNetworkDay },
    ],
    newAddress: { key: `signin:new:${shard}`, limit: Math.ceil(newAddressHourlyCap / shards), windowSeconds: HOUR, when: isNewAddress },
  };
}

/** The wrong-code budgets of one address in one browser (cleared by its right code). */
export function deviceCodeBudgets(email: string, deviceKey: string): Budget[] {
  // Kept as a keyed hash: the key itself is half of what makes a code work.
  const device = keyedHash("device-budget", deviceKey).slice(0, 22);
  return [
    { key: `code:d1h:${email}|${device}`, ...CODE_LIMITS.perDeviceHour },
    { key: `code:dday:${email}|${device}`, ...CODE_LIMITS.perDeviceDay },
  ];
}

/** The client's budgets for typed codes, then (with a browser key) the address's in that browser. */
export function codeBudgets(email: string, ip: string, deviceKey: string | null): { client: Budget[]; device: Budget[] } {
  const { host, network } = networksOf(ip);
  const client: Budget[] = [{ key: `code:ip:${host}`, ...CODE_LIMITS.perIpHour }];
  if (network !== host) client.push({ key: `code:net:${network}`, ...CODE_LIMITS.perNetworkHour });
  return { client, device: deviceKey ? deviceCodeBudgets(email, deviceKey) : [] };
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
    sorted.map((b) => sql`(${b.key}::text, ${b.windowSeconds}::int, ${b.when ?? sql`true`})`),
    sql`, `,
  );
  return sql`
    INSERT INTO rate_limit (key, points, expire)
    SELECT k, 1, now() + make_interval(secs => s) FROM (VALUES ${values}) AS v(k, s, applies) WHERE applies AND ${when}
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
