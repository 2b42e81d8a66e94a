/** The result of the last action, read out by screen readers when it appears. */
export function StatusNotice({ text, tone = "ok" }: { text: string | null; tone?: "ok" | "error" }) {
  return (
    <p className={`desk-notice${text ? ` ${tone}` : ""}`} role="status" aria-live="polite" data-testid="desk-notice">
      {text}
    </p>
  );
}
