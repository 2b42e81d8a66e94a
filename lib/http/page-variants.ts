import "server-only";
import { viewerForSessionCookie } from "@/lib/auth/session-viewer";

export { routedBySiteServer } from "./site-server";

/**
 * Which render of the front page and an article a request gets:
 * - "anonymous": the cached render for readers without a session (app/anon/…);
 * - "member": the cached render shared by every member (app/member~variant/…): premium
 *   text, nobody's address (the header shows the reader's own from a cookie);
 * - "personal": rendered for this viewer on each request (editors see drafts and the desk).
 */
export type PageVariant = "anonymous" | "member" | "personal";

export async function pageVariantFor(sessionCookie: string): Promise<{ variant: PageVariant; email?: string }> {
  const viewer = await viewerForSessionCookie(sessionCookie);
  if (viewer.kind === "member") return { variant: "member", email: viewer.email };
  return { variant: viewer.kind === "editor" ? "personal" : "anonymous" };
}

/**
 * server.js runs outside Next's bundles: it finds the session lookup here, registered
 * once at start (instrumentation.ts), and picks the variant before Next sees the request.
 */
export function exposePageVariants(): void {
  (globalThis as { __ledePageVariant?: typeof pageVariantFor }).__ledePageVariant = pageVariantFor;
}

