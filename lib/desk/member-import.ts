import "server-only";
import { and, eq, inArray, isNull, lt, not } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { consentRecords, memberImports, newsletters, subscriptions, users } from "@/lib/db/schema";
import { rowsOf as rowsOfResult } from "@/lib/db/rows";
import { sql } from "drizzle-orm";
import { suppressAddress } from "@/lib/deliverability/record";
import { env } from "@/lib/config/env";
import type { Editor } from "./guard";
import { confirmedMember } from "./members";
import { planImport, type ImportFormat, type ImportRow, type InvalidRow, type SourceStatus } from "./import-plan";

const CHUNK = 1000;

export type DryRun = {
  id: string;
  fileName: string;
  /** The newsletter consenting members are subscribed to, and its name (shown before anything is written). */
  newsletterId: number;
  newsletterName: string;
  createdAt: Date;
  appliedAt: Date | null;
  /** Set once applied: what was done. */
  result: { created: number; existing: number; invalid: number } | null;
  error: string | null;
  newRows: ImportRow[];
  existing: ImportRow[];
  invalid: InvalidRow[];
  /** The service whose export this is, when recognised, and how its columns are read. */
  format: ImportFormat | null;
  /** Rows per status the source gave (valid rows only). */
  statusCounts: Record<SourceStatus, number>;
};

const countStatuses = (rows: ImportRow[]): Record<SourceStatus, number> => {
  const counts: Record<SourceStatus, number> = { subscribed: 0, unsubscribed: 0, cleaned: 0, complained: 0, none: 0 };
  for (const r of rows) counts[r.status]++;
  return counts;
};

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function knownEmails(tx: Executor, emails: string[]): Promise<Set<string>> {
  const known = new Set<string>();
  for (const part of chunks(emails)) {
    const rows = await tx.select({ email: users.email }).from(users).where(inArray(users.email, part));
    for (const r of rows) known.add(r.email);
  }
  return known;
}

const STALE_MS = 24 * 60 * 60 * 1000;

/**
 * Keeps an uploaded CSV until the editor has seen its dry run; no member is written.
 * Uploads never applied are dropped after a day: they hold personal data.
 */
export async function storeImport(editor: Editor, fileName: string, csv: string, newsletterId: number | null = null): Promise<string> {
  await db
    .delete(memberImports)
    .where(and(isNull(memberImports.appliedAt), lt(memberImports.createdAt, new Date(Date.now() - STALE_MS))));
  const [row] = await db
    .insert(memberImports)
    .values({ createdBy: editor.userId, fileName: fileName.slice(0, 200), csv, newsletterId })
    .returning({ id: memberImports.id });
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What applying the import would do (or, once applied, what it did). */
export async function dryRunImport(id: string): Promise<DryRun | null> {
  if (!UUID.test(id)) return null;
  const [imp] = await db.select().from(memberImports).where(eq(memberImports.id, id));
  if (!imp) return null;
  const newsletterId = imp.newsletterId ?? 1;
  const [newsletter] = await db.select({ name: newsletters.name }).from(newsletters).where(eq(newsletters.id, newsletterId));
  const base = {
    id,
    fileName: imp.fileName,
    newsletterId,
    newsletterName: newsletter?.name ?? "the newsletter",
    createdAt: imp.createdAt,
    appliedAt: imp.appliedAt,
    result: imp.result ?? null,
  };
  if (imp.csv === null) return { ...base, error: null, newRows: [], existing: [], invalid: [], format: null, statusCounts: countStatuses([]) };
  const plan = planImport(imp.csv, env.blockedEmailDomains);
  const known = await knownEmails(db, plan.rows.map((r) => r.email));
  return {
    ...base,
    error: plan.error,
    newRows: plan.rows.filter((r) => !known.has(r.email)),
    existing: plan.rows.filter((r) => known.has(r.email)),
    invalid: plan.invalid,
    format: plan.format,
    statusCounts: countStatuses(plan.rows),
  };
}

export type ApplyResult =
  | { ok: true; created: number; existing: number; invalid: number }
  | { ok: false; error: "not_found" | "already_applied" | "unreadable"; message: string };

/**
 * Creates the new members (and, where the file says they consented, their subscription to
 * the newsletter chosen at upload: the publisher vouches for consent given on the old platform). Existing
 * accounts are left exactly as they are, unsubscribes included. All or nothing.
 */
export async function applyImport(id: string, editor?: Editor): Promise<ApplyResult> {
  if (!UUID.test(id)) return { ok: false, error: "not_found", message: "There is no such import." };
  return db.transaction(async (tx): Promise<ApplyResult> => {
    const [imp] = await tx.select().from(memberImports).where(eq(memberImports.id, id)).for("update");
    if (!imp) return { ok: false, error: "not_found", message: "There is no such import." };
    if (imp.appliedAt || imp.csv === null) {
      return { ok: false, error: "already_applied", message: "This file has already been imported." };
    }
    const plan = planImport(imp.csv, env.blockedEmailDomains);
    if (plan.error) return { ok: false, error: "unreadable", message: plan.error };
    let created = 0;
    const now = new Date();
    for (const part of chunks(plan.rows)) {
      const made = await tx
        .insert(users)
        .values(part.map((r) => ({ email: r.email, name: r.name, role: "reader" as const, importedAt: now })))
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id, email: users.email });
      created += made.length;
      // The publisher vouches for these addresses: one that had asked to join and never
      // confirmed now counts as confirmed too (and so is never cleaned up as abandoned).
      await tx
        .update(users)
        .set({ importedAt: now })
        .where(and(inArray(users.email, part.map((r) => r.email)), not(confirmedMember)));
      // What the source said carries over: subscribed rows subscribe (unless the address is
      // suppressed here), unsubscribed ones are recorded as such, and cleaned or complained
      // addresses are suppressed for good, existing members' included: nobody the source
      // stopped mailing is ever mailed.
      const newsletterId = imp.newsletterId ?? 1;
      const byEmail = new Map(part.map((r) => [r.email, r]));
      const suppressed = new Set(
        rowsOfResult<{ email: string }>(
          await tx.execute(sql`SELECT email FROM suppression WHERE newsletter_id IS NULL AND email IN (${sql.join(part.map((r) => sql`${r.email}`), sql`, `)})`),
        ).map((r) => r.email),
      );
      const subs = made
        .map((m) => ({ m, row: byEmail.get(m.email)! }))
        .filter(({ row }) => row.status === "subscribed" || row.status === "unsubscribed");
      if (subs.length > 0) {
        await tx
          .insert(subscriptions)
          // welcomedAt: an import greets nobody (they did not just join; the publisher moved them).
          .values(
            subs.map(({ m, row }) => ({
              userId: m.id,
              newsletterId,
              status: row.status === "unsubscribed" ? ("unsubscribed" as const) : suppressed.has(m.email) ? ("suppressed" as const) : ("active" as const),
              consentAt: now,
              confirmedAt: row.status === "subscribed" ? now : null,
              unsubscribedAt: row.status === "unsubscribed" ? now : null,
              // An import greets nobody: they did not just join, the publisher moved them.
              welcomedAt: now,
              source: "import",
            })),
          )
          .onConflictDoNothing();
        const attested = subs.filter(({ row }) => row.status === "subscribed");
        if (attested.length > 0) {
          await tx.insert(consentRecords).values(
            attested.map(({ m, row }) => ({
              userId: m.id,
              newsletterId,
              action: "imported" as const,
              source: "import",
              at: now,
              attestation:
                `${editor?.email ?? "The publisher"} imported this address from ${plan.format?.name ?? "a members CSV"} (${imp.fileName || "pasted"}) ` +
                `and attested that it consented to the newsletter there${row.optIn ? ` (${row.optIn})` : ""}.`,
            })),
          );
        }
      }
      for (const row of part.filter((r) => r.status === "cleaned" || r.status === "complained")) {
        const [u] = await tx.select({ id: users.id }).from(users).where(eq(users.email, row.email));
        await suppressAddress(tx, {
          email: row.email,
          userId: u?.id ?? null,
          reason: row.status === "complained" ? "complaint" : "import",
          source: "import",
          detail: row.status === "complained" ? `complained at ${plan.format?.name ?? "the source"}` : `cleaned at ${plan.format?.name ?? "the source"}`,
        });
      }
    }
    const result = { created, existing: plan.rows.length - created, invalid: plan.invalid.length };
    await tx
      .update(memberImports)
      .set({ csv: null, appliedAt: now, result })
      .where(and(eq(memberImports.id, id), isNull(memberImports.appliedAt)));
    return { ok: true, ...result };
  });
}
