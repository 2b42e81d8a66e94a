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
  children: (props: FieldProps) => React.ReactNode;
};

/** A labelled field with its hint and its error, wired for screen readers. */
export function ArticleField({ name, label, error, hint, children }: Props) {
  const id = `article-${name}`;
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children({ id, name, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy || undefined })}
      {error && (
        <p className="error" id={`${id}-error`}>
          {label} {error}
        </p>
      )}
    </div>
  );
}
