"use client";

import { useActionState } from "react";
import { removeArticle } from "@/app/desk/articles/actions";

/** Deleting takes a tick and a click; done, the article list says so. */
export function DeleteArticle({ articleId }: { articleId: number }) {
  const [state, formAction, pending] = useActionState(removeArticle, { status: "idle" });
  const error = state.status === "error" ? state.fieldErrors.confirm : undefined;
  return (
    <form action={formAction} className="danger-zone">
      <h2>Delete</h2>
      <input type="hidden" name="id" value={articleId} />
      <div className="check">
        <input
          id="confirm-delete"
          name="confirm"
          type="checkbox"
          value="yes"
          required
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "confirm-delete-error" : undefined}
        />
        <label htmlFor="confirm-delete">Yes, delete this article</label>
      </div>
      {error && (
        <p className="error" id="confirm-delete-error">
          {error}
        </p>
      )}
      <button type="submit" className="danger" disabled={pending}>
        Delete article
      </button>
      <p className={`status${state.status === "error" ? " error" : ""}`} role="status" aria-live="polite">
        {pending ? "Deleting…" : state.status === "error" && !error ? state.message : ""}
      </p>
    </form>
  );
}
