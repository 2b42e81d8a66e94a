import { readiness } from "@/lib/service/readiness";

export const dynamic = "force-dynamic";

/** Readiness: 200 only once the database answers, migrations are applied and the render cache caught up. */
export async function GET() {
  const r = await readiness();
  return Response.json({ ok: r.ready, ...r }, { status: r.ready ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
