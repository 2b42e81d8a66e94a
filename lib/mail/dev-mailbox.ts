import "server-only";
import { desc } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { devMailbox } from "@/lib/db/schema";

/** The latest messages of the embedded dev mailbox, newest first. */
export async function latestDevMail(limit = 50) {
  return db.select().from(devMailbox).orderBy(desc(devMailbox.id)).limit(limit);
}
