import type { NextRequest } from "next/server";
import { editorOfRequest } from "@/lib/desk/guard";
import { exportMembers } from "@/lib/desk/member-export";
import { memberFilter } from "@/lib/desk/members";
import { json } from "@/lib/http/forms";

export const dynamic = "force-dynamic";

/**
 * The members CSV, streamed batch by batch: the confirmed members unless
 * ?status=awaiting asks for the addresses awaiting confirmation; ?q= narrows it like
 * the search box.
 */
export async function GET(req: NextRequest) {
  if (!(await editorOfRequest())) return json(403, { ok: false, error: "forbidden", message: "Only editors can export members." });
  const q = (req.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const filter = memberFilter(req.nextUrl.searchParams.get("status"));
  const day = new Date().toISOString().slice(0, 10);
  const name = filter === "awaiting" ? `awaiting-confirmation-${day}.csv` : `members-${day}.csv`;
  return new Response(exportMembers(q, filter), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
