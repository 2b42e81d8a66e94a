import "server-only";
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { devMailbox, mailEvents, newsletterDeliveries, signInTokens, users } from "@/lib/db/schema";

/**
 * "Delete my account", in one transaction. The account row goes, and with it (by
 * cascade) its sessions, sign-ins, joins, subscription and gift links (which stop opening
 * at once: every process asks the database on each open, lib/gifts). Newsletter deliveries stay
 * as anonymous counts: their personal fields (address and account) are cleared. Pending
 * sign-in links and codes for the address go too. Its consent records go by cascade; a
 * suppression (bounce, complaint) stays, so a later import never mails the address again.
 */
export async function deleteAccount(userId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).for("update");
    if (!user) return false;
    await tx.update(newsletterDeliveries).set({ userId: null, email: null }).where(eq(newsletterDeliveries.userId, userId));
    // The delivery events stay as counts for the figures; who they were about goes.
    await tx.update(mailEvents).set({ userId: null, email: null }).where(eq(mailEvents.userId, userId));
    await tx.delete(signInTokens).where(eq(signInTokens.email, user.email));
    await tx.delete(devMailbox).where(eq(sql`lower(${devMailbox.to})`, user.email));
    await tx.delete(users).where(eq(users.id, userId));
    return true;
  });
}
