type FieldProps = {
  id: string;
  name: string;
  "aria-invalid"?: true;
  "aria-describedby"?: string;
};

type Props = {
  name: string;
  label: string;
  error?: string;
  hint?: string;
  /** A live line under the control (read out politely when it changes). */
  note?: { text: string; testId?: string };
  /** The form's prefix of ids ("article-title"). */
  idPrefix?: string;
  children: (props: FieldProps) => React.ReactNode;
};

/** A labelled field with its hint, note and error, wired for screen readers. */
export function ArticleField({ name, label, error, hint, note, idPrefix = "article", children }: Props) {
  const id = `${idPrefix}-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, note ? `${id}-note` : null, error ? `${id}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {note && (
        <p className="hint note" id={`${id}-note`} aria-live="polite" data-testid={note.testId}>
          {note.text}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`}>
          {label} {error}
        </p>
      )}
    </div>
  );
}
