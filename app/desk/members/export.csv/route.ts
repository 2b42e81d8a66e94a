import type { NextRequest } from "next/server";
import { editorOfRequest } from "@/lib/desk/guard";
import { exportMembers } from "@/lib/desk/member-export";
import { json } from "@/lib/http/forms";

export const dynamic = "force-dynamic";

/** The members CSV, streamed batch by batch; ?q= narrows it like the search box. */
export async function GET(req: NextRequest) {
  if (!(await editorOfRequest())) return json(403, { ok: false, error: "forbidden", message: "Only editors can export members." });
  const q = (req.nextUrl.searchParams.get("q") ?? "").slice(0, 200);
  const day = new Date().toISOString().slice(0, 10);
  return new Response(exportMembers(q), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="members-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
