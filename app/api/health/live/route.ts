export const dynamic = "force-dynamic";

/** Liveness (the front server answers it before Next; this is for `next start` alone): the process answers. */
export function GET() {
  return Response.json({ ok: true, live: true }, { headers: { "Cache-Control": "no-store" } });
}
