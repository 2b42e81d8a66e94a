import "server-only";
import { env } from "@/lib/config/env";
import { csvStream, type CsvValue } from "./csv";
import { memberBatch, type MemberFilter, type MemberRow, type NewsletterView } from "./members";

export const MEMBER_CSV_HEADER = [
  "email",
  "name",
  "joined_at",
  "joined_from_article",
  "joined_from_url",
  "newsletter",
  "last_sign_in_at",
  "role",
  // Last, so that files read by column position before it existed still line up.
  "confirmed",
  // Proof of consent (the latest opt-in or import, and its confirmation): appended for the same reason.
  "consent_at",
  "consent_source",
  "consent_network",
  "consent_user_agent",
  "consent_sentence",
  "consent_attestation",
  "consent_confirmed_at",
] as const;

/** One member's record, in MEMBER_CSV_HEADER's order. */
export function memberCsvRecord(m: MemberRow, siteUrl: string): CsvValue[] {
  return [
    m.email,
    m.name,
    m.joinedAt,
    m.joinedFromTitle,
    m.joinedFromSlug ? `${siteUrl}/articles/${m.joinedFromSlug}` : null,
    m.newsletter,
    m.lastSignInAt,
    m.role,
    m.status === "awaiting" ? "no" : "yes",
    m.consent ? new Date(m.consent.at) : null,
    m.consent?.source ?? null,
    m.consent?.network ?? null,
    m.consent?.user_agent ?? null,
    m.consent?.sentence ?? null,
    m.consent?.attestation ?? null,
    m.consent?.confirmed_at ? new Date(m.consent.confirmed_at) : null,
  ];
}

export type BatchReader = (afterEmail: string | null, limit: number) => Promise<MemberRow[]>;

async function* memberRecords(readBatch: BatchReader, siteUrl: string, batchSize: number) {
  for (let after: string | null = null; ; ) {
    const rows = await readBatch(after, batchSize);
    for (const m of rows) yield memberCsvRecord(m, siteUrl);
    if (rows.length < batchSize) return;
    after = rows[rows.length - 1].email;
  }
}

/**
 * The members CSV as a byte stream that reads the next batch only when the consumer (the
 * HTTP response) has taken the last: memory stays at about one batch however many
 * members there are.
 */
export function memberCsvStream(readBatch: BatchReader, siteUrl: string, batchSize = 1000): ReadableStream<Uint8Array> {
  return csvStream(MEMBER_CSV_HEADER, memberRecords(readBatch, siteUrl, batchSize));
}

/**
 * The export of one side of the list, as shown: the members matching `q` (all when empty),
 * their status in the chosen newsletter, and only its subscribers when the list shows only them.
 */
export function exportMembers(q: string, filter: MemberFilter, view: NewsletterView | null = null): ReadableStream<Uint8Array> {
  return memberCsvStream((after, limit) => memberBatch(q, filter, after, limit, view), env.siteUrl);
}
