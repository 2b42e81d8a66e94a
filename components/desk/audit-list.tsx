import type { DeskAuditEntry } from "@/lib/db/schema";
import { AUDIT_LABELS } from "@/lib/desk/audit";
import { formatDateTime } from "./format";

type Props = { entries: DeskAuditEntry[]; withTitles?: boolean };

/** Who did what and when, newest first. */
export function AuditList({ entries, withTitles = false }: Props) {
  if (entries.length === 0) return <p>Nothing yet.</p>;
  return (
    <ol className="audit" data-testid="audit-trail">
      {entries.map((e) => (
        <li key={e.id}>
          <strong>{e.actorEmail}</strong> {AUDIT_LABELS[e.action]}
          {withTitles && <> “{e.articleTitle}”</>}
          <br />
          <time dateTime={e.at.toISOString()}>{formatDateTime(e.at)}</time>
        </li>
      ))}
    </ol>
  );
}
