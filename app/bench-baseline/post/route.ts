import { baselineEnabled } from "../baseline-data";

/**
 * The floor Next itself sets for a form POST, for `npm run bench`: read the same form
 * a join sends, answer JSON, do nothing else. Only the bench's server has it.
 */
export async function POST(req: Request) {
  if (!baselineEnabled()) return new Response("Not found", { status: 404 });
  const form = await req.formData();
  return Response.json({ ok: true, email: form.get("email") }, { headers: { "Cache-Control": "no-store" } });
}
