import { deskPost } from "@/lib/desk/desk-post";
import { applyImport } from "@/lib/desk/member-import";
import { withNotice } from "@/lib/desk/notices";

/** The editor's go-ahead after the dry run. */
export const POST = deskPost<{ id: string }>(async ({ params }) => {
  const result = await applyImport(params.id);
  const here = `/desk/members/import/${params.id}`;
  if (!result.ok) {
    const status = result.error === "not_found" ? 404 : 409;
    return { ok: false, status, error: result.error, message: result.message, backTo: here };
  }
  return {
    ok: true,
    redirectTo: withNotice(here, "applied"),
    message: `${result.created} members imported.`,
  };
});
