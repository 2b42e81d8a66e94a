/** Who is looking at a page: the one input of the access rule besides the article. */
export type Viewer =
  | { kind: "anonymous" }
  | { kind: "member" | "editor"; userId: string; email: string };

export const ANONYMOUS: Viewer = { kind: "anonymous" };

/** Any member: the viewer of the renders shared by all members, which name no one. */
export const ANY_MEMBER: Viewer = { kind: "member", userId: "", email: "" };
