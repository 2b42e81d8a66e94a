import "server-only";
import { sessionCookieHeader } from "@/lib/auth/cookie";
import { dueForExtension, extendSession } from "@/lib/auth/sessions";
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

export type VariantChoice = {
  variant: PageVariant;
  email?: string;
  /** Set-Cookie for a session just extended (rolling sessions). */
  renewedCookie?: string;
  /** The session lookup did not answer in time: served as anonymous, premium text withheld. */
  timedOut?: boolean;
};

/** How long a page waits for the session lookup before serving the anonymous render. */
export const LOOKUP_TIMEOUT_MS = 1500;

function timeout(ms: number): Promise<"timeout"> {
  return new Promise((resolve) => setTimeout(resolve, ms, "timeout").unref());
}

export async function pageVariantFor(sessionCookie: string): Promise<VariantChoice> {
  const found = await Promise.race([viewerForSessionCookie(sessionCookie), timeout(LOOKUP_TIMEOUT_MS)]);
  if (found === "timeout") return { variant: "anonymous", timedOut: true };
  const { viewer, expires } = found;
  if (viewer.kind === "anonymous") return { variant: "anonymous" };
  let renewedCookie: string | undefined;
  if (expires && dueForExtension(expires)) {
    const extended = await extendSession(sessionCookie).catch(() => null);
    if (extended) renewedCookie = sessionCookieHeader({ token: sessionCookie, expires: extended });
  }
  if (viewer.kind === "member") return { variant: "member", email: viewer.email, renewedCookie };
  return { variant: "personal", renewedCookie };
}

/**
 * server.js runs outside Next's bundles: it finds the session lookup here, registered
 * once at start (instrumentation.ts), and picks the variant before Next sees the request.
 */
export function exposePageVariants(): void {
  (globalThis as { __ledePageVariant?: typeof pageVariantFor }).__ledePageVariant = pageVariantFor;
}

