"use client";

import { useId, useRef, useState, type FormEvent } from "react";
import { postForm } from "@/components/gate/post-form";

type Made = { url: string; expires: string; left: number };

/**
 * "Gift this article", on a premium article a member reads. Without JavaScript a plain POST
 * whose answer is a page with the link; with it, the link appears here with a Copy button.
 * It names no one, so the render shared by every member can carry it.
 */
export function GiftButton({ slug }: { slug: string }) {
  const id = useId();
  const [pending, setPending] = useState(false);
  const [made, setMade] = useState<Made | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const linkRef = useRef<HTMLInputElement>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setPending(true);
    setMessage(null);
    const answer = await postForm(e.currentTarget);
    setPending(false);
    const body = answer.body as { url?: string; expires?: string; left?: number; message?: string };
    if (answer.ok && body.url) {
      setMade({ url: body.url, expires: body.expires ?? "", left: body.left ?? 0 });
      setCopied(false);
      requestAnimationFrame(() => linkRef.current?.select());
    } else setMessage(body.message ?? "Please try again in a moment.");
  }

  async function copy() {
    if (!made) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setCopied(true);
    } catch {
      linkRef.current?.select();
    }
  }

  return (
    <aside className="gift" aria-labelledby={`${id}-heading`} data-testid="gift">
      <h2 id={`${id}-heading`}>Gift this article</h2>
      {made ? (
        <div className="field">
          <label htmlFor={`${id}-link`}>Anyone with this link can read the whole article until {made.expires}</label>
          <input ref={linkRef} id={`${id}-link`} type="text" readOnly value={made.url} data-testid="gift-link" onFocus={(e) => e.currentTarget.select()} />
          <button type="button" className="secondary" onClick={copy}>
            Copy link
          </button>
        </div>
      ) : (
        <form method="post" action={`/articles/${slug}/gift`} onSubmit={onSubmit}>
          <p>Share it with a friend: a link lets anyone read it in full for a while, no account needed.</p>
          <button type="submit" disabled={pending} aria-disabled={pending}>
            Gift this article
          </button>
        </form>
      )}
      <p className={`status${message ? " error" : ""}`} role="status" aria-live="polite" data-testid="gift-status">
        {pending
          ? "Making a link…"
          : (message ??
            (made ? `${copied ? "Copied. " : ""}You have ${made.left} gift ${made.left === 1 ? "link" : "links"} left this month.` : null))}
      </p>
    </aside>
  );
}
