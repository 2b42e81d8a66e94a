import type { Metadata } from "next";
import { DeskShell } from "@/components/desk/desk-shell";
import { IssueForm } from "@/components/newsletter/issue-form";
import { requireEditor } from "@/lib/desk/guard";
import { pickOptions } from "@/lib/newsletter/compose/picks";
import { saveIssue } from "../actions";

export const metadata: Metadata = { title: "New newsletter issue" };

export default async function NewIssuePage() {
  const editor = await requireEditor("/desk/newsletters/new");
  return (
    <DeskShell editor={editor} current="newsletters">
      <h1>New issue</h1>
      <IssueForm action={saveIssue} picks={await pickOptions()} />
    </DeskShell>
  );
}
