type Props = { articleId: number; title: string; premium: boolean; returnTo: string };

/** One click switches premium on or off; a plain form, so it works without JavaScript. */
export function PremiumToggle({ articleId, title, premium, returnTo }: Props) {
  return (
    <form method="post" action={`/desk/articles/${articleId}/premium`} className="inline-form">
      <input type="hidden" name="premium" value={premium ? "off" : "on"} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button
        type="submit"
        className={`toggle${premium ? " on" : ""}`}
        aria-pressed={premium}
        title={premium ? `Make “${title}” free` : `Make “${title}” premium`}
      >
        Premium
      </button>
    </form>
  );
}
