import "server-only";
import { cache } from "react";
import NextAuth from "next-auth";
import type { Viewer } from "@/lib/access/viewer";
import { authConfig } from "./config";

let config: ReturnType<typeof authConfig> | undefined;

const nextAuth = NextAuth(() => (config ??= authConfig()));

/** The session of this request, looked up once however many components ask. */
export const auth = cache(async () => nextAuth.auth());

export type { Viewer };

/** Who is looking: the access rule's input. */
export const currentViewer = cache(async (): Promise<Viewer> => {
  const session = await auth();
  if (!session?.user?.id) return { kind: "anonymous" };
  return {
    kind: session.user.role === "editor" ? "editor" : "member",
    userId: session.user.id,
    email: session.user.email,
  };
});
