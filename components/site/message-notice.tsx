/** One plain message in a page: what happened, and the way back. */
export function MessageNotice({ title, message, backHref }: { title: string; message: string; backHref: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p role="status">{message}</p>
      <p>
        <a href={backHref}>Go back</a>
      </p>
    </>
  );
}
