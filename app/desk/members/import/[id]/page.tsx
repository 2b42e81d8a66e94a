import Link from "next/link";
import { notFound } from "next/navigation";
import { ApplyImport } from "@/components/desk/apply-import";
import { DeskShell } from "@/components/desk/desk-shell";
import { formatDateTime } from "@/components/format";
import { ImportSummary, plural } from "@/components/desk/import-summary";
import { StatusNotice } from "@/components/desk/status-notice";
import { requireEditor } from "@/lib/desk/guard";
import { dryRunImport } from "@/lib/desk/member-import";

export const metadata = { title: "Import members" };

type Props = { params: Promise<{ id: string }> };

/** The dry run of an uploaded CSV, and the button that applies it; or what it did. */
export default async function ImportPage({ params }: Props) {
  const { id } = await params;
  const editor = await requireEditor(`/desk/members/import/${id}`);
  const dry = await dryRunImport(id);
  if (!dry) notFound();
  return (
    <DeskShell editor={editor} current="members">
      <h1>Import members: {dry.fileName}</h1>
      {dry.appliedAt && dry.result ? (
        <>
          <StatusNotice
            text={`Imported ${formatDateTime(dry.appliedAt)}: ${plural(dry.result.created, "new member", "new members")}, ${plural(dry.result.existing, "was already a member", "were already members")} (left unchanged), ${plural(dry.result.invalid, "row", "rows")} skipped.`}
          />
          <p>
            <Link href="/desk/members">Back to members</Link>
          </p>
        </>
      ) : dry.error ? (
        <>
          <StatusNotice tone="error" text={`This file cannot be imported. ${dry.error}`} />
          <p>
            <Link href="/desk/members">Back to members</Link> to choose another file.
          </p>
        </>
      ) : (
        <>
          <p className="lede-note">
            Dry run: nothing has been imported yet. This is what importing the file will do. Members who agreed to get a newsletter will be
            subscribed to <strong data-testid="import-newsletter">{dry.newsletterName}</strong>.
          </p>
          <ImportSummary dry={dry} />
          <ApplyImport
            importId={dry.id}
            label={`Import ${plural(dry.newRows.length, "new member", "new members")}`}
            disabled={dry.newRows.length === 0}
          />
        </>
      )}
    </DeskShell>
  );
}
