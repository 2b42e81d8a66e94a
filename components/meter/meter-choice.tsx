import Link from "next/link";

type Props = { metered: boolean; disabled: boolean; meterOn: boolean; error?: string };

/**
 * The article editor's choice for a premium article: metered (may be one of an anonymous
 * reader's free articles) or members only. Disabled (and so not sent: the article keeps
 * its choice) while Premium is unticked.
 */
export function MeterChoice({ metered, disabled, meterOn, error }: Props) {
  const describedBy = ["article-metered-hint", error ? "article-metered-error" : null].filter(Boolean).join(" ");
  return (
    // A radio cannot be invalid on its own (ARIA gives the radio role no aria-invalid): the group is.
    <fieldset className="choice" role="radiogroup" aria-invalid={error ? true : undefined} disabled={disabled} aria-describedby={describedBy} data-testid="meter-choice">
      <legend>Readers without an account</legend>
      <p className="hint" id="article-metered-hint">
        For premium articles. {meterOn ? "The meter is on: " : "The meter is off, so every premium article is members only for now. Once it is on, "}
        a metered article may be one of a reader&rsquo;s free articles; a members-only one always shows the join gate.{" "}
        <Link href="/desk/settings">Meter settings</Link>
      </p>
      <div className="check">
        <input id="article-metered" name="metered" type="radio" value="metered" defaultChecked={metered} />
        <label htmlFor="article-metered">Metered: may be one of their free articles</label>
      </div>
      <div className="check">
        <input id="article-members-only" name="metered" type="radio" value="members" defaultChecked={!metered} />
        <label htmlFor="article-members-only">Members only: always the join gate</label>
      </div>
      {error && (
        <p className="error" id="article-metered-error">
          Metered or members only {error}
        </p>
      )}
    </fieldset>
  );
}
