import { NextResponse, type NextRequest } from "next/server";
import { editorOfRequest } from "@/lib/desk/guard";
import { personalise } from "@/lib/newsletter/compose/render";
import { findNewsletter } from "@/lib/newsletter/newsletters";
import { unsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";
import { renderWelcome } from "@/lib/newsletter/welcome/welcome-mail";

type Ctx = { params: Promise<{ id: string }> };

/** The welcome mail as the editor's own copy would be, as HTML. */
export async function GET(_req: NextRequest, { params }: Ctx) {
  const editor = await editorOfRequest();
  if (!editor) return new NextResponse("Editors only.", { status: 403, headers: { "Cache-Control": "no-store" } });
  const raw = (await params).id;
  const newsletter = /^[1-9]\d{0,8}$/.test(raw) ? await findNewsletter(Number(raw)) : null;
  if (!newsletter) return new NextResponse("No such newsletter.", { status: 404, headers: { "Cache-Control": "no-store" } });
  const copy = personalise(renderWelcome(newsletter), unsubscribeUrl(editor.userId, newsletter.id), unsubscribeUrl(editor.userId, "all"));
  return new NextResponse(copy.html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      "X-Content-Type-Options": "nosniff",
      // The front server says DENY for every other answer (server/steps/security-headers.ts).
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}
