import "server-only";
// Proof of consent: each newsletter opt-in, its confirmation, an import's vouching and a
// withdrawal is a consent_record row with when, the requesting network, the user agent,
// the exact sentence shown and the source. Of the client address only its network is kept
// (IPv4 /24, IPv6 /48, as the sign-in budgets count it): enough to show where a request
// came from and to tell one network's requests from another's, not enough to name a
// household, so the proof holds without keeping a personal address for years.
import { sql, type SQL } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { networkOf } from "@/lib/auth/rate-limits";
import { clientIp } from "@/lib/http/client-ip";

export type ConsentContext = { network: string | null; userAgent: string | null };

export const NO_CONTEXT: ConsentContext = { network: null, userAgent: null };

/** What a request says about where it came from, trimmed to what is kept. */
export function consentContext(headers: Pick<Headers, "get">): ConsentContext {
  const ip = clientIp(headers);
  return {
    network: ip && ip !== "unknown" ? networkOf(ip).network : null,
    userAgent: headers.get("user-agent")?.slice(0, 300) || null,
  };
}

export type ConsentEntry = {
  userId: string;
  /** The newsletter it is about (null: every one, or the site's first before there were several). */
  newsletterId?: number | null;
  action: "opt-in" | "confirmed" | "imported" | "withdrawn";
  source: string;
  context?: ConsentContext;
  sentence?: string | null;
  attestation?: string | null;
};

export async function recordConsent(e: ConsentEntry, tx: Executor = db): Promise<void> {
  const c = e.context ?? NO_CONTEXT;
  await tx.execute(sql`
    INSERT INTO consent_record (user_id, newsletter_id, action, source, network, user_agent, sentence, attestation)
    VALUES (${e.userId}, ${e.newsletterId ?? null}, ${e.action}, ${e.source}, ${c.network}, ${c.userAgent}, ${e.sentence ?? null}, ${e.attestation ?? null})`);
}

/** The same rows from a statement's CTE: `rows` selects user ids (`id`) and newsletter ids (`newsletter_id`). */
export function consentInsert(rows: SQL, action: ConsentEntry["action"], source: string, c: ConsentContext = NO_CONTEXT, sentence: string | null = null): SQL {
  return sql`INSERT INTO consent_record (user_id, newsletter_id, action, source, network, user_agent, sentence)
    SELECT id, newsletter_id, ${action}, ${source}, ${c.network}::text, ${c.userAgent}::text, ${sentence}::text FROM (${rows}) u`;
}

export type ConsentRow = { action: string; source: string; at: Date; network: string | null; userAgent: string | null; sentence: string | null; attestation: string | null };

export async function consentHistory(userId: string): Promise<ConsentRow[]> {
  const rows = await db.execute(sql`
    SELECT action, source, at, network, user_agent AS "userAgent", sentence, attestation
    FROM consent_record WHERE user_id = ${userId} ORDER BY at, id`);
  const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as (ConsentRow & { at: Date | string })[];
  return list.map((r) => ({ ...r, at: new Date(r.at) }));
}
