/** Who is looking at a page: the one input of the access rule besides the article. */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "member" | "editor"; userId: string; email: string };

/**
 * Whom a page is rendered for: a viewer, or a reader without an account whom the meter
 * lets read this article in full (lib/meter; only the renders server.js chose for such
 * a reader have one).
 */
export type Reader = Viewer | { kind: "sampler" };

export const ANONYMOUS: Viewer = { kind: "anonymous" };

export const SAMPLER: Reader = { kind: "sampler" };

/** Any member: the viewer of the renders shared by all members, which name no one. */
export const ANY_MEMBER: Viewer = { kind: "member", userId: "", email: "" };
