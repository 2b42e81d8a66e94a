import "server-only";
import { env } from "@/lib/env";
import { csvRow } from "./csv";
import { memberBatch, type MemberFilter, type MemberRow } from "./members";

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
] as const;

export function memberCsvRow(m: MemberRow, siteUrl: string): string {
  return csvRow([
    m.email,
    m.name,
    m.joinedAt,
    m.joinedFromTitle,
    m.joinedFromSlug ? `${siteUrl}/articles/${m.joinedFromSlug}` : null,
    m.newsletter,
    m.lastSignInAt,
    m.role,
    m.status === "awaiting" ? "no" : "yes",
  ]);
}

export type BatchReader = (afterEmail: string | null, limit: number) => Promise<MemberRow[]>;

/**
 * The members CSV as a byte stream that reads one batch per pull: the consumer's pace
 * (the HTTP response) decides how far ahead the database is read, so memory stays at
 * one batch however many members there are.
 */
export function memberCsvStream(readBatch: BatchReader, siteUrl: string, batchSize = 1000): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let after: string | null = null;
  let headerSent = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          // A byte-order mark so that spreadsheet programs read the file as UTF-8.
          controller.enqueue(encoder.encode("\uFEFF" + csvRow([...MEMBER_CSV_HEADER])));
          return;
        }
        const rows = await readBatch(after, batchSize);
        if (rows.length > 0) {
          after = rows[rows.length - 1].email;
          controller.enqueue(encoder.encode(rows.map((m) => memberCsvRow(m, siteUrl)).join("")));
        }
        if (rows.length < batchSize) controller.close();
      },
    },
    { highWaterMark: 1 },
  );
}

/** The export of one side of the list, as shown: the members matching `q` (all when empty). */
export function exportMembers(q: string, filter: MemberFilter): ReadableStream<Uint8Array> {
  return memberCsvStream((after, limit) => memberBatch(q, filter, after, limit), env.siteUrl);
}
