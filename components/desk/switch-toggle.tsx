"use client";

import { useActionState } from "react";
import type { DeskAction } from "@/lib/desk/action";

type Props = {
  /** The switch's server action (app/desk/articles/actions.ts). */
  action: DeskAction;
  articleId: number;
  /** What a click switches to. */
  to: "on" | "off";
  /** Whether the switch reads as pressed now. */
  pressed: boolean;
  label: string;
  /** What a click does, in words (the tooltip). */
  title: string;
  returnTo: string;
};

/**
 * A one-click switch of the article list, a form that works without JavaScript too: done,
 * the list comes back with the notice; refused, the reason is read out beside the switch.
 */
export function SwitchToggle({ action, articleId, to, pressed, label, title, returnTo }: Props) {
  const [state, formAction, pending] = useActionState(action, { status: "idle" });
  return (
    <form action={formAction} className="inline-form">
      <input type="hidden" name="id" value={articleId} />
      <input type="hidden" name="to" value={to} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className={`toggle${pressed ? " on" : ""}`} aria-pressed={pressed} title={title} disabled={pending}>
        {label}
      </button>
      <span className={state.status === "error" ? "switch-status error" : "switch-status"} role="status" aria-live="polite">
        {state.status === "error" ? state.message : ""}
      </span>
    </form>
  );
}
