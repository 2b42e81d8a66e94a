import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import type { NewsletterStatus } from "./members";

export type MemberProfile = {
  email: string;
  shown: string;
  createdAt: Date;
  lastSignInAt: Date | null;
  newsletter: NewsletterStatus;
  suppression: { reason: string; source: string; detail: string | null; at: Date } | null;
};

/** One member for the desk's member page; null for an id that is no account. */
export async function memberProfile(userId: string): Promise<MemberProfile | null> {
  if (userId.length > 100) return null;
  const [row] = rowsOf<{ email: string; shown: string; created_at: string; last_sign_in_at: string | null; newsletter: string | null; s_reason: string | null; s_source: string | null; s_detail: string | null; s_at: string | null }>(
    await db.execute(sql`
      SELECT u.email, coalesce(u.email_as_typed, u.email) AS shown, u.created_at, u.last_sign_in_at, s.status AS newsletter,
        x.reason AS s_reason, x.source AS s_source, x.detail AS s_detail, x.created_at AS s_at
      FROM "user" u LEFT JOIN subscription s ON s.user_id = u.id
      LEFT JOIN suppression x ON x.email = u.email AND x.newsletter_id IS NULL
      WHERE u.id = ${userId} LIMIT 1`),
  );
  if (!row) return null;
  return {
    email: row.email,
    shown: row.shown,
    createdAt: new Date(row.created_at),
    lastSignInAt: row.last_sign_in_at ? new Date(row.last_sign_in_at) : null,
    newsletter: (row.newsletter ?? "none") as NewsletterStatus,
    suppression: row.s_reason ? { reason: row.s_reason, source: row.s_source ?? "", detail: row.s_detail, at: new Date(row.s_at!) } : null,
  };
}
