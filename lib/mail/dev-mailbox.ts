import "server-only";
import { desc } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { devMailbox } from "@/lib/db/schema";
import { env } from "@/lib/config/env";
import { routedBySiteServer } from "@/lib/http/site-server";

/**
 * The dev mailbox exists on the embedded demo only (no DATABASE_URL, no EMAIL_SERVER).
 * With DATABASE_URL set nothing is written there and its page does not exist.
 */
export function devMailboxActive(): boolean {
  return !env.databaseUrl && !env.emailServer;
}

/**
 * May this request see the mailbox? Only from this machine: the front server marks a request
 * whose socket is loopback, with no forwarding header and a local Host, and drops any
 * x-lede-* header a client sent. Without the front server in front (`next dev`, `next start`)
 * that mark could be forged, so the mailbox shows to nobody; the server log has the links.
 */
export function devMailboxOpenTo(headers: Headers): boolean {
  return devMailboxActive() && routedBySiteServer() && headers.get("x-lede-local") === "1";
}

/** The latest messages of the embedded dev mailbox, newest first. */
export async function latestDevMail(limit = 50) {
  return db.select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(limit);
}
