import type { DryRun } from "@/lib/desk/member-import";

const SHOWN = 50;

export function plural(n: number, one: string, many: string) {
  return `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;
}

/** The dry run: what importing the file would do, row by row where it matters. */
export function ImportSummary({ dry }: { dry: DryRun }) {
  const subscribing = dry.newRows.filter((r) => r.newsletter).length;
  const c = dry.statusCounts;
  return (
    <>
      {dry.format && (
        <section data-testid="import-format">
          <h2>Recognised: {dry.format.name}</h2>
          <ul>
            {dry.format.mapping.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        </section>
      )}
      <table className="desk-table" data-testid="import-statuses">
        <caption>What the file says of each address</caption>
        <tbody>
          <tr>
            <th scope="row">Subscribed: mailed {dry.newsletterName} from its next issue</th>
            <td className="num" data-testid="import-status-subscribed">{c.subscribed}</td>
          </tr>
          <tr>
            <th scope="row">Unsubscribed: never mailed</th>
            <td className="num" data-testid="import-status-unsubscribed">{c.unsubscribed}</td>
          </tr>
          <tr>
            <th scope="row">Cleaned (bounced): suppressed, never mailed</th>
            <td className="num" data-testid="import-status-cleaned">{c.cleaned}</td>
          </tr>
          <tr>
            <th scope="row">Complained: suppressed and unsubscribed, never mailed</th>
            <td className="num" data-testid="import-status-complained">{c.complained}</td>
          </tr>
          <tr>
            <th scope="row">No newsletter consent: members only</th>
            <td className="num" data-testid="import-status-none">{c.none}</td>
          </tr>
        </tbody>
      </table>
      <dl className="figures" data-testid="import-summary">
        <div>
          <dt>New members</dt>
          <dd data-testid="import-new">{dry.newRows.length}</dd>
        </div>
        <div>
          <dt>New subscribers to {dry.newsletterName}</dt>
          <dd data-testid="import-subscribers">{subscribing}</dd>
        </div>
        <div>
          <dt>Already members</dt>
          <dd data-testid="import-existing">{dry.existing.length}</dd>
        </div>
        <div>
          <dt>Rows that cannot be imported</dt>
          <dd data-testid="import-invalid">{dry.invalid.length}</dd>
        </div>
      </dl>
      {subscribing > 0 && (
        <p data-testid="import-subscribers-note">
          {plural(subscribing, "new member", "new members")} consented to the newsletter where the file comes from: importing
          makes them subscribers at once, without a confirmation mail (you vouch for that consent), and they get the next
          issue.
        </p>
      )}
      {dry.invalid.length > 0 && (
        <section>
          <h2>Rows that will be skipped</h2>
          <ul className="import-invalid" data-testid="import-invalid-rows">
            {dry.invalid.slice(0, 500).map((r) => (
              <li key={r.line}>
                Line {r.line}: {r.reason}
              </li>
            ))}
          </ul>
          {dry.invalid.length > 500 && <p>…and {plural(dry.invalid.length - 500, "more row", "more rows")}.</p>}
        </section>
      )}
      {dry.newRows.length > 0 && (
        <section>
          <h2>New members{dry.newRows.length > SHOWN ? ` (first ${SHOWN})` : ""}</h2>
          <table className="desk-table">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Email</th>
                <th scope="col">Name</th>
                <th scope="col">Newsletter</th>
              </tr>
            </thead>
            <tbody>
              {dry.newRows.slice(0, SHOWN).map((r) => (
                <tr key={r.line}>
                  <td>{r.line}</td>
                  <td>{r.email}</td>
                  <td>{r.name ?? "—"}</td>
                  <td>{r.newsletter ? "Subscribed" : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
      {dry.existing.length > 0 && (
        <section>
          <h2>Already members{dry.existing.length > SHOWN ? ` (first ${SHOWN})` : ""}</h2>
          <p>
            {dry.existing.length === 1 ? "This address is" : "These addresses are"} already members and will be left exactly
            as they are, newsletter choices included.
          </p>
          <ul data-testid="import-existing-rows">
            {dry.existing.slice(0, SHOWN).map((r) => (
              <li key={r.line}>
                Line {r.line}: {r.email}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
