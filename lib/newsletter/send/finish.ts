import "server-only";
import { sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { rowsOf } from "@/lib/db/rows";

/** Marks an issue sent once every recipient has a delivery row and none is waiting (or held for a subject test's winner) or in flight. */
export async function finishIfDone(issueId: number): Promise<boolean> {
  const result = await db.execute(sql`
    UPDATE newsletter_issue SET status = 'sent', finished_at = now()
    WHERE id = ${issueId} AND status = 'sending' AND fanned_out_at IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM newsletter_delivery
                      WHERE issue_id = ${issueId} AND status IN ('queued', 'held', 'sending'))
    RETURNING id`);
  return rowsOf(result).length > 0;
}
