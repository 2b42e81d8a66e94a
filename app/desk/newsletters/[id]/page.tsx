import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskShell } from "@/components/desk/desk-shell";
import { IssueVisits } from "@/components/insight/issue-visits";
import { IssueBadge } from "@/components/newsletter/issue-badge";
import { IssueForm } from "@/components/newsletter/issue-form";
import { IssuePreview } from "@/components/newsletter/issue-preview";
import { IssueProgress } from "@/components/newsletter/issue-progress";
import { SendFigures } from "@/components/newsletter/send-figures";
import { issueFigures } from "@/lib/deliverability/guard";
import { SendControls } from "@/components/newsletter/send-controls";
import styles from "@/components/newsletter/newsletter.module.css";
import { requireEditor } from "@/lib/desk/guard";
import { pickOptions } from "@/lib/newsletter/compose/picks";
import { personalise } from "@/lib/newsletter/compose/render";
import { findIssue, issueEmail } from "@/lib/newsletter/issues";
import { issueProgress } from "@/lib/newsletter/progress";
import { listNewsletters } from "@/lib/newsletter/newsletters";
import { sendBlocker } from "@/lib/newsletter/send/readiness";
import { subscriberCounts } from "@/lib/newsletter/subscriptions";
import { unsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";
import { ScheduleControls } from "@/components/newsletter/schedule-controls";
import { SubjectTest } from "@/components/newsletter/subject-test";
import { subjectFigures } from "@/lib/newsletter/send/subject-test";
import { env } from "@/lib/config/env";
import { formatWall, nextWholeHour, wallInputValue } from "@/lib/newsletter/schedule/zoned";
import { cancelScheduleAction, resumeIssue, saveIssue, scheduleIssueAction, sendIssue, sendTestIssue } from "../actions";

export const metadata: Metadata = { title: "Newsletter issue" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One issue: edit and preview a draft, test and send it; or watch it go out. */
export default async function IssuePage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const editor = await requireEditor(`/desk/newsletters/${rawId}`);
  const issue = await findIssue(Number(rawId));
  if (!issue) notFound();
  const [{ email, missing, hasContent }, counts, q] = await Promise.all([issueEmail(issue), subscriberCounts(issue.newsletterId), searchParams]);
  const text = personalise(email, unsubscribeUrl(editor.userId, issue.newsletterId), unsubscribeUrl(editor.userId, "all")).text;
  const draft = issue.status === "draft";
  const scheduled = issue.status === "scheduled";
  const progress = draft || scheduled ? null : await issueProgress(issue.id);
  const tz = env.siteTimeZone;
  const scheduleControls = (
    <ScheduleControls
      issueId={issue.id}
      timeZone={tz}
      scheduledFor={scheduled && issue.scheduledAt ? formatWall(issue.scheduledAt, tz) : null}
      initial={wallInputValue(issue.scheduledAt ?? nextWholeHour(), tz)}
      schedule={scheduleIssueAction}
      cancel={cancelScheduleAction}
    />
  );
  const figures = draft || scheduled ? null : await issueFigures(issue.id);
  const sendControls = (
    <SendControls
      issueId={issue.id}
      editorEmail={editor.email}
      counts={counts}
      blocked={sendBlocker({ status: issue.status, hasContent, counts })}
      sendTest={sendTestIssue}
      sendIssue={sendIssue}
    />
  );
  return (
    <DeskShell editor={editor} current="newsletters">
      <p>
        <Link href="/desk/newsletters">Newsletters</Link> › Issue {issue.id}
      </p>
      <h1>
        {issue.subject} <IssueBadge status={issue.status} />
      </h1>
      <p role="status" aria-live="polite" className={styles.ok}>
        {q.saved === "1" && draft ? "Saved. Check the preview below, send yourself a test, then send it." : ""}
        {q.resumed === "1" && issue.status === "sending" ? "Sending resumed." : ""}
        {q.scheduled === "1" && scheduled ? "Scheduled. You can cancel it until sending starts." : ""}
        {q.unscheduled === "1" && draft ? "The schedule is cancelled: this is a draft again." : ""}
      </p>
      {issue.kind === "digest" && issue.digestPeriodStart && issue.digestPeriodEnd && (
        <p data-testid="digest-note">
          The digest for {formatWall(issue.digestPeriodStart, tz)} to {formatWall(issue.digestPeriodEnd, tz)}, made on its own
          {draft ? ": it waits for you. Check it (edit it if you like), then approve it by sending it." : "."}
        </p>
      )}
      {draft ? (
        <>
          <IssueForm
            action={saveIssue}
            picks={await pickOptions()}
            newsletters={await listNewsletters()}
            issue={issue}
          />
          <IssuePreview issueId={issue.id} text={text} missing={missing} />
          {sendControls}
          {scheduleControls}
        </>
      ) : scheduled ? (
        <>
          {scheduleControls}
          <IssuePreview issueId={issue.id} text={text} missing={missing} />
        </>
      ) : (
        <>
          {/* Keyed by status: after Resume the page's fresh counts replace the panel's old ones. */}
          <IssueProgress key={issue.status} issueId={issue.id} initial={progress!} resume={resumeIssue} />
          {issue.subjectB && (
            <SubjectTest
              subjects={{ a: issue.subject, b: issue.subjectB }}
              figures={await subjectFigures(issue.id)}
              samplePercent={issue.samplePercent}
              decided={issue.testWinner && issue.testReason ? { winner: issue.testWinner, reason: issue.testReason } : null}
              decidesAt={
                issue.sendStartedAt ? formatWall(new Date(issue.sendStartedAt.getTime() + issue.testWaitMinutes * 60_000), tz) : null
              }
            />
          )}
          {figures && <SendFigures figures={figures} caption="What came back from this issue" testId="issue-figures" />}
          <IssueVisits issueId={issue.id} articleIds={issue.articleIds} />
          <IssuePreview issueId={issue.id} text={text} missing={0} />
          {sendControls}
        </>
      )}
    </DeskShell>
  );
}
