/** Deleting takes a tick and a click; a plain form. */
export function DeleteArticle({ articleId }: { articleId: number }) {
  return (
    <form method="post" action={`/desk/articles/${articleId}/delete`} className="danger-zone">
      <h2>Delete</h2>
      <div className="check">
        <input id="confirm-delete" name="confirm" type="checkbox" value="yes" required />
        <label htmlFor="confirm-delete">Yes, delete this article</label>
      </div>
      <button type="submit" className="danger">
        Delete article
      </button>
    </form>
  );
}
