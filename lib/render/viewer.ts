import "server-only";
import { notFound } from "next/navigation";
import { ANONYMOUS, ANY_MEMBER, type Viewer } from "@/lib/access/viewer";
import { routedBySiteServer } from "@/lib/http/site-server";

/**
 * The viewer a cached render is made for (its [render] segment). The members' render
 * (premium text, naming no one) exists only where server.js chose it after finding a
 * member's session: under `next start` or `next dev`, and for any other name, "not found".
 */
export function viewerOfRender(render: string): Viewer {
  if (render === "anonymous") return ANONYMOUS;
  if (render === "member" && routedBySiteServer()) return ANY_MEMBER;
  notFound();
}
