import type { Metadata } from "next";
import { DeskShell } from "@/components/desk/desk-shell";
import { IssueForm } from "@/components/newsletter/issue-form";
import { requireEditor } from "@/lib/desk/guard";
import { pickOptions } from "@/lib/newsletter/compose/picks";
import { listNewsletters } from "@/lib/newsletter/newsletters";
import { saveIssue } from "../actions";

export const metadata: Metadata = { title: "New newsletter issue" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewIssuePage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/newsletters/new");
  const [newsletters, q] = await Promise.all([listNewsletters(), searchParams]);
  const asked = typeof q.newsletter === "string" && /^[1-9]\d{0,8}$/.test(q.newsletter) ? Number(q.newsletter) : undefined;
  return (
    <DeskShell editor={editor} current="newsletters">
      <h1>New issue</h1>
      {newsletters.length === 0 ? (
        <p>Every newsletter is archived: create one (or bring one back) to write an issue.</p>
      ) : (
        <IssueForm action={saveIssue} picks={await pickOptions()} newsletters={newsletters} newsletterId={asked} />
      )}
    </DeskShell>
  );
}
