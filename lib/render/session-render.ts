import "server-only";
import { sessionCookieHeader } from "@/lib/auth/cookie";
import { dueForExtension, extendSession } from "@/lib/auth/sessions";
import { viewerForSessionCookie } from "@/lib/auth/session-viewer";
import { withinMs } from "@/lib/deadline";

/**
 * The render a signed-in request gets (lib/render/choose.ts asks for it): "member", the cached
 * render shared by every member; "anonymous" for a session that is gone; "personal",
 * rendered per request, for editors (drafts, the desk link).
 */
export type Render = "anonymous" | "member" | "personal";

export type RenderChoice = {
  render: Render;
  email?: string;
  /** Set-Cookie for a session just extended (rolling sessions). */
  renewedCookie?: string;
  /** The session lookup did not answer in time: served as anonymous, premium text withheld. */
  timedOut?: boolean;
};

/** How long a page waits for the session lookup before serving the anonymous render. */
export const LOOKUP_TIMEOUT_MS = 1500;

export async function renderForSession(sessionCookie: string): Promise<RenderChoice> {
  const found = await withinMs(viewerForSessionCookie(sessionCookie), LOOKUP_TIMEOUT_MS);
  if (found === "timeout") return { render: "anonymous", timedOut: true };
  const { viewer, expires } = found;
  if (viewer.kind === "anonymous") return { render: "anonymous" };
  let renewedCookie: string | undefined;
  if (expires && dueForExtension(expires)) {
    const extended = await extendSession(sessionCookie).catch(() => null);
    if (extended) renewedCookie = sessionCookieHeader({ token: sessionCookie, expires: extended });
  }
  if (viewer.kind === "member") return { render: "member", email: viewer.email, renewedCookie };
  return { render: "personal", renewedCookie };
}
