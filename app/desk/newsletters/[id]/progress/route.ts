import { editorOfRequest } from "@/lib/desk/guard";
import { issueProgress } from "@/lib/newsletter/progress";
import { json } from "@/lib/http/forms";

type Ctx = { params: Promise<{ id: string }> };

/** The live counts the desk's progress panel polls. */
export async function GET(_req: Request, { params }: Ctx) {
  if (!(await editorOfRequest())) return json(403, { error: "forbidden", message: "Editors only." });
  const progress = await issueProgress(Number((await params).id));
  if (!progress) return json(404, { error: "not_found", message: "No such issue." });
  return json(200, progress, { "Cache-Control": "private, no-store" });
}
