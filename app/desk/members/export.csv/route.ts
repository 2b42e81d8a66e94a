import type { NextRequest } from "next/server";
import { editorOfRequest } from "@/lib/desk/guard";
import { exportMembers } from "@/lib/desk/member-export";
import { memberFilter, newsletterView } from "@/lib/desk/members";
import { listNewsletters } from "@/lib/newsletter/newsletters";
import { json } from "@/lib/http/forms";

export const dynamic = "force-dynamic";

/**
 * The members CSV, streamed batch by batch: the confirmed members unless
 * ?status=awaiting asks for the addresses awaiting confirmation; ?q= narrows it like
 * the search box; ?newsletter= says whose status the newsletter column shows, and
 * ?only=subscribers keeps only that newsletter's subscribers.
 */
export async function GET(req: NextRequest) {
  if (!(await editorOfRequest())) return json(403, { ok: false, error: "forbidden", message: "Only editors can export members." });
  const q = (req.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const filter = memberFilter(req.nextUrl.searchParams.get("status"));
  const sp = req.nextUrl.searchParams;
  const all = await listNewsletters({ includeArchived: true });
  const view = newsletterView({ newsletter: sp.get("newsletter") ?? undefined, only: sp.get("only") ?? undefined }, all.map((n) => n.id));
  const day = new Date().toISOString().slice(0, 10);
  const name = filter === "awaiting" ? `awaiting-confirmation-${day}.csv` : `members-${day}.csv`;
  return new Response(exportMembers(q, filter, view), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
