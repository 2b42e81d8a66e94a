/** The answer to "Gift this article" posted without JavaScript: the link, once. */
export function GiftMade({ url, expires, left, backHref }: { url: string; expires: string; left: number; backHref: string }) {
  return (
    <>
      <h1>Your gift link</h1>
      <p role="status">
        Anyone with this link can read the whole article until {expires}. Copy it now: it is shown only once. You have {left} gift{" "}
        {left === 1 ? "link" : "links"} left this month.
      </p>
      <p>
        <label htmlFor="gift-link">Gift link</label>
        <br />
        <input id="gift-link" type="text" readOnly value={url} size={60} data-testid="gift-link" />
      </p>
      <p>
        <a href={backHref}>Back to the article</a>
      </p>
    </>
  );
}
