import styles from "./newsletter.module.css";

type Props = { issueId: number; text: string; missing: number };

/** The email as subscribers will get it: the HTML part in a sandboxed frame, the plain-text part beside it. */
export function IssuePreview({ issueId, text, missing }: Props) {
  const html = `/desk/newsletters/${issueId}/preview?format=html`;
  return (
    <section className={styles.panel} aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview</h2>
      {missing > 0 && (
        <p className={styles.error}>
          {missing} picked article{missing === 1 ? " is" : "s are"} no longer published and will be left out.
        </p>
      )}
      <div className={styles.tabs}>
        <div>
          <h3>
            HTML <a href={html} target="_blank" rel="noopener">(open on its own)</a>
          </h3>
          {/* sandbox="": no scripts, no forms, no same-origin access, whatever the email holds. */}
          <iframe className={styles.preview} src={html} sandbox="" title="HTML preview of the email" />
        </div>
        <div>
          <h3>
            Plain text <a href={`/desk/newsletters/${issueId}/preview?format=text`}>(open on its own)</a>
          </h3>
          <pre className={styles.plain} data-testid="text-preview" tabIndex={0} aria-label="Plain-text preview of the email">
            {text}
          </pre>
        </div>
      </div>
    </section>
  );
}
