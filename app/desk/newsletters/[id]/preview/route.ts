import { NextResponse, type NextRequest } from "next/server";
import { personalise } from "@/lib/newsletter/compose/render";
import { editorOfRequest } from "@/lib/desk/guard";
import { findIssue, issueEmail } from "@/lib/newsletter/issues";
import { unsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";

type Ctx = { params: Promise<{ id: string }> };

/** The email as the editor's own copy would be: ?format=html (default) or ?format=text. */
export async function GET(req: NextRequest, { params }: Ctx) {
  const editor = await editorOfRequest();
  if (!editor) return new NextResponse("Editors only.", { status: 403, headers: { "Cache-Control": "no-store" } });
  const issue = await findIssue(Number((await params).id));
  if (!issue) return new NextResponse("No such issue.", { status: 404, headers: { "Cache-Control": "no-store" } });
  const copy = personalise((await issueEmail(issue)).email, unsubscribeUrl(editor.userId, issue.newsletterId), unsubscribeUrl(editor.userId, "all"));
  const text = req.nextUrl.searchParams.get("format") === "text";
  return new NextResponse(text ? copy.text : copy.html, {
    headers: {
      "Content-Type": text ? "text/plain; charset=utf-8" : "text/html; charset=utf-8",
      "Cache-Control": "private, no-store",
      // Shown in a sandboxed frame on the desk page; never framed elsewhere, never able to run script.
      "Content-Security-Policy": "sandbox; default-src 'none'; img-src https: http: data:; style-src 'unsafe-inline'; frame-ancestors 'self'",
      "X-Content-Type-Options": "nosniff",
      // The front server says DENY for every other answer (server/steps/security-headers.ts).
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}
