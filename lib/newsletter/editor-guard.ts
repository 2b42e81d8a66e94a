import "server-only";
import { notFound, redirect } from "next/navigation";
import { currentViewer } from "@/lib/auth";

// Every newsletter page, action and route checks the editor role here, on the server,
// from the session's account row (a role change takes effect on the next request).

export type Editor = { userId: string; email: string };

/** Route handlers and actions: the signed-in editor, or null (the caller answers 403). */
export async function currentEditor(): Promise<Editor | null> {
  const viewer = await currentViewer();
  return viewer.kind === "editor" ? { userId: viewer.userId, email: viewer.email } : null;
}

/** Pages: the editor; anonymous readers are sent to sign in, other members get a 404. */
export async function requireEditorPage(returnTo: string): Promise<Editor> {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect(`/signin?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (viewer.kind !== "editor") notFound();
  return { userId: viewer.userId, email: viewer.email };
}
