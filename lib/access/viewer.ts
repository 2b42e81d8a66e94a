/** Who is looking at a page: the one input of the access rule besides the article. */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "member" | "editor"; userId: string; email: string };

/**
 * A reader who opened a member's gift link that lib/gifts found valid just now: it names
 * the one article it unlocks (its id, never its slug from the address).
 */
export type GiftReader = { kind: "gift"; articleId: number };

/**
 * Whom a page is rendered for: a viewer, a reader without an account whom the meter
 * lets read this article in full (lib/meter; only the renders the front server chose for such
 * a reader have one), or a gift link's reader (lib/gifts; only the gift page has one).
 */
export type Reader = Viewer | { kind: "sampler" } | GiftReader;

export const ANONYMOUS: Viewer = { kind: "anonymous" };

export const SAMPLER: Reader = { kind: "sampler" };

/** Any member: the viewer of the renders shared by all members, which name no one. */
export const ANY_MEMBER: Viewer = { kind: "member", userId: "", email: "" };
