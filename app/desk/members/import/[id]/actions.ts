"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deskAction } from "@/lib/desk/action";
import { applyImport } from "@/lib/desk/member-import";
import { withNotice } from "@/lib/desk/notices";

const schema = z.object({ id: z.string({ error: "must name an import" }).max(100, "must name an import") });

/** The editor's go-ahead after the dry run. */
export const applyMemberImport = deskAction({ schema }, async ({ id }, editor) => {
  const result = await applyImport(id, editor);
  if (!result.ok) return { status: "error", message: result.message };
  redirect(withNotice(`/desk/members/import/${id}`, "applied"));
});
