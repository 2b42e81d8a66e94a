import "server-only";
import { cache } from "react";
import { cookies } from "next/headers";
import type { Viewer } from "@/lib/access/viewer";
import { sessionCookieName } from "./session-cookie";
import { viewerForSessionCookie } from "./session-viewer";

export type { Viewer };

/**
 * Who is looking: the access rule's input. Read by the one session reader
 * (lib/auth/session-viewer.ts), the same the front server's render choice asks, once per
 * request however many components ask.
 */
export const currentViewer = cache(async (): Promise<Viewer> => {
  const token = (await cookies()).get(sessionCookieName())?.value;
  if (!token) return { kind: "anonymous" };
  return (await viewerForSessionCookie(token)).viewer;
});
