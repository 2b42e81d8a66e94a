import type { NextRequest } from "next/server";
import { csvStream } from "@/lib/desk/csv";
import { editorOfRequest } from "@/lib/desk/guard";
import { articleSortOf, periodOf } from "@/lib/insight/period";
import { articleFunnels } from "@/lib/insight/report";
import { json } from "@/lib/http/forms";

export const dynamic = "force-dynamic";

const HEADER = ["article", "slug", "status", "views", "member_views", "gate_views", "metered_reads", "spent_gates", "joins", "confirmed", "newsletter_subscribers", "conversion"];

/** The insight page's article table as CSV: the same numbers, for ?days= (7, 30 or 90) and ?sort=. */
export async function GET(req: NextRequest) {
  if (!(await editorOfRequest())) return json(403, { ok: false, error: "forbidden", message: "Only editors can export the figures." });
  const days = periodOf(req.nextUrl.searchParams.get("days"));
  const rows = await articleFunnels(days, articleSortOf(req.nextUrl.searchParams.get("sort")));
  async function* records() {
    for (const a of rows) {
      yield [a.title, a.slug, a.status, a.views, a.memberViews, a.gateViews, a.meteredReads, a.spentGates, a.joins, a.confirmed, a.subscribed, a.conversion === null ? "" : a.conversion.toFixed(4)];
    }
  }
  const name = `insight-${days}-days-${new Date().toISOString().slice(0, 10)}.csv`;
  return new Response(csvStream(HEADER, records()), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
