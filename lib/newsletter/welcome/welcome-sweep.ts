import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";
import { mailOutbox } from "@/lib/mail/outbox";
import { welcomeMail } from "./welcome-mail";

/** Welcomes queued per transaction: a burst of confirmations is taken a batch at a time. */
const BATCH = 100;

type Due = { userId: string; to: string; newsletterId: number; name: string; senderName: string; welcomeSubject: string; welcomeBody: string };

/**
 * Every worker runs this every few seconds. A subscription that became active (the reader
 * confirmed, or subscribed on /account once confirmed) after its newsletter's welcome was
 * turned on gets the welcome once: it is queued on the outbox and the subscription marked
 * welcomed in one transaction, and the rows are locked (SKIP LOCKED) while that happens, so
 * however many workers sweep at once, and however often one retries, one welcome is queued.
 * Subscriptions of a newsletter with no welcome are marked too: turning one on later does
 * not greet readers from before.
 */
export async function sendDueWelcomes(): Promise<number> {
  await db.execute(sql`
    UPDATE subscription s SET welcomed_at = now()
    FROM newsletter n
    WHERE s.newsletter_id = n.id AND s.status = 'active' AND s.welcomed_at IS NULL
      AND (NOT n.welcome_on OR n.archived_at IS NOT NULL OR n.welcome_since IS NULL OR s.confirmed_at < n.welcome_since)`);
  const outbox = await mailOutbox();
  let queued = 0;
  for (;;) {
    const n = await db.transaction(async (tx) => {
      const due = rowsOf<Due>(
        await tx.execute(sql`
          SELECT s.user_id AS "userId", coalesce(u.email_as_typed, u.email) AS "to", n.id AS "newsletterId", n.name,
                 n.sender_name AS "senderName", n.welcome_subject AS "welcomeSubject", n.welcome_body AS "welcomeBody"
          FROM subscription s JOIN newsletter n ON n.id = s.newsletter_id JOIN "user" u ON u.id = s.user_id
          WHERE s.status = 'active' AND s.welcomed_at IS NULL
            AND n.welcome_on AND n.archived_at IS NULL AND s.confirmed_at >= n.welcome_since
          LIMIT ${BATCH}
          FOR UPDATE OF s SKIP LOCKED`),
      );
      for (const d of due) {
        await outbox.enqueue(tx, welcomeMail({ id: d.newsletterId, ...d }, d));
        await tx.execute(sql`UPDATE subscription SET welcomed_at = now()
                             WHERE user_id = ${d.userId} AND newsletter_id = ${d.newsletterId} AND welcomed_at IS NULL`);
      }
      return due.length;
    });
    queued += n;
    if (n < BATCH) return queued;
  }
}
