type Props = {
  /** The route the switch posts to. */
  action: string;
  /** The field it sends, "on" or "off": what the click switches to. */
  field: string;
  to: "on" | "off";
  /** Whether the switch reads as pressed now. */
  pressed: boolean;
  label: string;
  /** What a click does, in words (the tooltip). */
  title: string;
  returnTo: string;
};

/** A one-click switch of the article list; a plain form, so it works without JavaScript. */
export function SwitchToggle({ action, field, to, pressed, label, title, returnTo }: Props) {
  return (
    <form method="post" action={action} className="inline-form">
      <input type="hidden" name={field} value={to} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className={`toggle${pressed ? " on" : ""}`} aria-pressed={pressed} title={title}>
        {label}
      </button>
    </form>
  );
}
