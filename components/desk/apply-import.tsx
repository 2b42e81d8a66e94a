"use client";

import Link from "next/link";
import { useActionState } from "react";
import { applyMemberImport } from "@/app/desk/members/import/[id]/actions";

/** The go-ahead after the dry run; done, the page says what the import did. */
export function ApplyImport({ importId, label, disabled }: { importId: string; label: string; disabled: boolean }) {
  const [state, formAction, pending] = useActionState(applyMemberImport, { status: "idle" });
  return (
    <form action={formAction}>
      <input type="hidden" name="id" value={importId} />
      <div className="editor-actions">
        <button type="submit" disabled={disabled || pending}>
          {label}
        </button>
        <Link href="/desk/members" className="button secondary">
          Cancel
        </Link>
      </div>
      <p className={`status${state.status === "error" ? " error" : ""}`} role="status" aria-live="polite">
        {pending ? "Importing…" : state.status === "error" ? state.message : ""}
      </p>
    </form>
  );
}
