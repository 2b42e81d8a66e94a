import "server-only";
import { and, eq, inArray, isNull, lt, not } from "drizzle-orm";
import { db, type Executor } from "@/lib/db/client";
import { memberImports, subscriptions, users } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import type { Editor } from "./guard";
import { confirmedMember } from "./members";
import { planImport, type ImportRow, type InvalidRow } from "./import-plan";

const CHUNK = 1000;

export type DryRun = {
  id: string;
  fileName: string;
  createdAt: Date;
  appliedAt: Date | null;
  /** Set once applied: what was done. */
  result: { created: number; existing: number; invalid: number } | null;
  error: string | null;
  newRows: ImportRow[];
  existing: ImportRow[];
  invalid: InvalidRow[];
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
export async function storeImport(editor: Editor, fileName: string, csv: string): Promise<string> {
  await db
    .delete(memberImports)
    .where(and(isNull(memberImports.appliedAt), lt(memberImports.createdAt, new Date(Date.now() - STALE_MS))));
  const [row] = await db
    .insert(memberImports)
    .values({ createdBy: editor.userId, fileName: fileName.slice(0, 200), csv })
    .returning({ id: memberImports.id });
  return row.id;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** What applying the import would do (or, once applied, what it did). */
export async function dryRunImport(id: string): Promise<DryRun | null> {
  if (!UUID.test(id)) return null;
  const [imp] = await db.select().from(memberImports).where(eq(memberImports.id, id));
  if (!imp) return null;
  const base = { id, fileName: imp.fileName, createdAt: imp.createdAt, appliedAt: imp.appliedAt, result: imp.result ?? null };
  if (imp.csv === null) return { ...base, error: null, newRows: [], existing: [], invalid: [] };
  const plan = planImport(imp.csv, env.blockedEmailDomains);
  const known = await knownEmails(db, plan.rows.map((r) => r.email));
  return {
    ...base,
    error: plan.error,
    newRows: plan.rows.filter((r) => !known.has(r.email)),
    existing: plan.rows.filter((r) => known.has(r.email)),
    invalid: plan.invalid,
  };
}

export type ApplyResult =
  | { ok: true; created: number; existing: number; invalid: number }
  | { ok: false; error: "not_found" | "already_applied" | "unreadable"; message: string };

/**
 * Creates the new members (and, where the file says they consented, their newsletter
 * subscription: the publisher vouches for consent given on the old platform). Existing
 * accounts are left exactly as they are, unsubscribes included. All or nothing.
 */
export async function applyImport(id: string): Promise<ApplyResult> {
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
      const consenting = new Set(part.filter((r) => r.newsletter).map((r) => r.email));
      const subs = made.filter((m) => consenting.has(m.email));
      if (subs.length > 0) {
        await tx
          .insert(subscriptions)
          .values(subs.map((m) => ({ userId: m.id, status: "active" as const, consentAt: now, confirmedAt: now, source: "import" })))
          .onConflictDoNothing();
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
