import type { DeskAuditEntry } from "@/lib/db/schema";
import { AUDIT_LABELS } from "@/lib/desk/audit";
import type { DeskChange } from "@/lib/desk/desk-changes";
import type { MeterChange } from "@/lib/desk/meter-history";
import { meterDiff, meterSummary } from "@/lib/desk/meter-words";
import { formatDateTime } from "@/components/format";

type Props = { entries: DeskAuditEntry[]; withTitles?: boolean };

const When = ({ at }: { at: Date }) => <time dateTime={at.toISOString()}>{formatDateTime(at)}</time>;

function AuditItem({ entry: e, withTitle }: { entry: DeskAuditEntry; withTitle: boolean }) {
  return (
    <li>
      <strong>{e.actorEmail}</strong> {AUDIT_LABELS[e.action]}
      {withTitle && <> “{e.articleTitle}”</>}
      <br />
      <When at={e.at} />
    </li>
  );
}

/** "ed@… switched the meter on; free articles 3 → 5. From off (…) to on, 5 free articles a calendar month." */
function MeterChangeItem({ change: c }: { change: MeterChange }) {
  const changed = c.before && c.after ? meterDiff(c.before, c.after) : [];
  const what = changed.length > 0 ? changed.join("; ") : "changed its settings";
  return (
    <li>
      <strong>{c.actorEmail}</strong> changed the meter: {what}.
      <br />
      From {c.before ? meterSummary(c.before) : "settings no longer readable"} to{" "}
      {c.after ? meterSummary(c.after) : "settings no longer readable"}.
      <br />
      <When at={c.at} />
    </li>
  );
}

/** Who did what and when, newest first. */
export function AuditList({ entries, withTitles = false }: Props) {
  if (entries.length === 0) return <p>Nothing yet.</p>;
  return (
    <ol className="audit" data-testid="audit-trail">
      {entries.map((e) => (
        <AuditItem key={e.id} entry={e} withTitle={withTitles} />
      ))}
    </ol>
  );
}

/** The meter's history, newest first. */
export function MeterHistoryList({ changes }: { changes: MeterChange[] }) {
  if (changes.length === 0) return <p>The meter has never been changed: it is off, as Lede starts.</p>;
  return (
    <ol className="audit" data-testid="meter-history">
      {changes.map((c) => (
        <MeterChangeItem key={c.id} change={c} />
      ))}
    </ol>
  );
}

/** Recent desk changes, articles' and the meter's, newest first. */
export function DeskChangeList({ changes }: { changes: DeskChange[] }) {
  if (changes.length === 0) return <p>Nothing yet.</p>;
  return (
    <ol className="audit" data-testid="audit-trail">
      {changes.map((c) =>
        c.kind === "article" ? (
          <AuditItem key={`a${c.entry.id}`} entry={c.entry} withTitle />
        ) : (
          <MeterChangeItem key={`m${c.entry.id}`} change={c.entry} />
        ),
      )}
    </ol>
  );
}
