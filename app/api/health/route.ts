import { sql } from "drizzle-orm";
import { db, databaseKind } from "@/lib/db/client";

export const dynamic = "force-dynamic";

/** Liveness and database reachability, for load balancers and the test harness. */
export async function GET() {
  try {
    await db.execute(sql`select 1`);
    return Response.json({ ok: true, database: databaseKind() }, { headers: { "Cache-Control": "no-store" } });
  } catch (err) {
    console.error(`[health] database unreachable: ${(err as Error).message}`);
    return Response.json({ ok: false, error: "database unreachable" }, { status: 503, headers: { "Cache-Control": "no-store" } });
  }
}
