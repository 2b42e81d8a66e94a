import "server-only";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { findNewsletter } from "./newsletters";
import { statusesOf, unsubscribe, type NewsletterStatus } from "./subscriptions";
import { targetFromToken } from "./unsubscribe-token";

export type UnsubscribeLink =
  | { kind: "invalid" }
  /** A real link whose account has since been deleted: nothing left to unsubscribe. */
  | { kind: "gone" }
  /**
   * `newsletter`: the one newsletter the link leaves (its name), or null for all of them.
   * `status`: "active" while the link still has something to leave (for "all": any newsletter).
   */
  | { kind: "found"; maskedEmail: string; newsletter: string | null; status: NewsletterStatus };

/** "jane.doe@example.com" → "j…e@example.com": enough to recognise, little to leak if a link is forwarded. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  const local = email.slice(0, at);
  const shown = local.length <= 2 ? `${local[0]}…` : `${local[0]}…${local[local.length - 1]}`;
  return `${shown}${email.slice(at)}`;
}

const STILL_MAILED: NewsletterStatus[] = ["active", "pending", "suppressed"];

async function lookUp(token: unknown): Promise<{ target: ReturnType<typeof targetFromToken>; link: UnsubscribeLink }> {
  const target = targetFromToken(token);
  if (!target) return { target, link: { kind: "invalid" } };
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, target.userId)).limit(1);
  if (!user) return { target, link: { kind: "gone" } };
  const statuses = await statusesOf(target.userId);
  let status: NewsletterStatus;
  let newsletter: string | null = null;
  if (target.scope === "all") {
    status = [...statuses.values()].some((s) => STILL_MAILED.includes(s)) ? "active" : "unsubscribed";
  } else {
    newsletter = (await findNewsletter(target.scope))?.name ?? "the newsletter";
    status = statuses.get(target.scope) ?? "none";
  }
  return { target, link: { kind: "found", maskedEmail: maskEmail(user.email), newsletter, status } };
}

/** What the link would do, changing nothing: GET (people, and the scanners that fetch links). */
export async function inspectUnsubscribeLink(token: unknown): Promise<UnsubscribeLink> {
  return (await lookUp(token)).link;
}

/** The one-click POST: leaves the link's newsletter (or all), no cookie or sign-in needed; the token is the proof. */
export async function unsubscribeByLink(token: unknown): Promise<UnsubscribeLink> {
  const { target, link } = await lookUp(token);
  if (link.kind !== "found" || !target) return link;
  await unsubscribe(target.userId, target.scope === "all" ? null : target.scope, "unsubscribe link");
  return (await lookUp(token)).link;
}
