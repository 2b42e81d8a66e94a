import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { newsletterStatus, unsubscribe, type NewsletterStatus } from "./subscriptions";
import { userIdFromToken } from "./unsubscribe-token";

export type UnsubscribeLink =
  | { kind: "invalid" }
  /** A real link whose account has since been deleted: nothing left to unsubscribe. */
  | { kind: "gone" }
  | { kind: "found"; maskedEmail: string; status: NewsletterStatus };

/** "jane.doe@example.com" → "j…e@example.com": enough to recognise, little to leak if a link is forwarded. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}…` : `${local[0]}…${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

async function lookUp(token: unknown): Promise<{ userId: string; link: UnsubscribeLink }> {
  const userId = userIdFromToken(token);
  if (!userId) return { userId: "", link: { kind: "invalid" } };
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
  if (!user) return { userId, link: { kind: "gone" } };
  return { userId, link: { kind: "found", maskedEmail: maskEmail(user.email), status: await newsletterStatus(userId) } };
}

/** What the link would do, changing nothing: GET (people, and the scanners that fetch links). */
export async function inspectUnsubscribeLink(token: unknown): Promise<UnsubscribeLink> {
  return (await lookUp(token)).link;
}

/** The one-click POST: unsubscribes, no cookie or sign-in needed; the token is the proof. */
export async function unsubscribeByLink(token: unknown): Promise<UnsubscribeLink> {
  const { userId, link } = await lookUp(token);
  if (link.kind !== "found") return link;
  await unsubscribe(userId, "unsubscribe link");
  return { ...link, status: await newsletterStatus(userId) };
}
