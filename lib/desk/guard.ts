import "server-only";
import { forbidden, redirect } from "next/navigation";
import type { Viewer } from "@/lib/access/viewer";
import { currentViewer } from "@/lib/auth";
import { safeCallbackPath } from "@/lib/http/redirect-target";

/** A viewer the server has checked to be an editor. */
export type Editor = { kind: "editor"; userId: string; email: string };

/** The one role check of the desk: the viewer as an editor, or null. */
export function asEditor(viewer: Viewer): Editor | null {
  return viewer.kind === "editor" ? { kind: "editor", userId: viewer.userId, email: viewer.email } : null;
}

/** For route handlers: the editor behind this request, or null (answer 403). */
export async function editorOfRequest(): Promise<Editor | null> {
  return asEditor(await currentViewer());
}

/**
 * For desk pages: anonymous visitors are sent to sign in (and back here), readers get
 * the 403 page. Every desk page calls this itself: a check in the layout alone would
 * not stop the page from rendering.
 */
export async function requireEditor(returnTo = "/desk"): Promise<Editor> {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect(`/signin?${new URLSearchParams({ callbackUrl: safeCallbackPath(returnTo, "/desk") })}`);
  const editor = asEditor(viewer);
  if (!editor) forbidden();
  return editor;
}
