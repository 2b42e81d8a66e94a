/**
 * The floor Next itself sets for a form POST, for `npm run bench`: read the same form
 * a join sends, answer JSON, do nothing else. Only the bench's build has this route.
 */
export async function POST(req: Request) {
  const form = await req.formData();
  return Response.json({ ok: true, email: form.get("email") }, { headers: { "Cache-Control": "no-store" } });
}
