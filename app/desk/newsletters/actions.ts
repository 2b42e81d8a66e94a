"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { deskAction, INVALID_MESSAGE } from "@/lib/desk/action";
import { issueFormFields, issueInputSchema, type IssueField } from "@/lib/newsletter/issue-input";
import { createIssue, updateDraft } from "@/lib/newsletter/issues";
import { openNewsletterIds } from "@/lib/newsletter/newsletters";
import { resumeRefused } from "@/lib/newsletter/send/resume-refused";
import { sendTest, startSending } from "@/lib/newsletter/send/start";
import { cancelSchedule, scheduleIssue } from "@/lib/newsletter/schedule/scheduled";

const issueId = z.coerce.number().int().positive();

const saveSchema = z.intersection(issueInputSchema, z.object({ id: issueId.optional() }));

/** Saves a new issue or a draft's changes, then shows it (with its preview). */
export const saveIssue = deskAction<typeof saveSchema, IssueField>(
  { schema: saveSchema, read: (form) => ({ ...issueFormFields(form), id: form.get("id") || undefined }) },
  async (data, editor) => {
    if ((await openNewsletterIds([data.newsletterId])).length === 0) {
      return { status: "error", message: INVALID_MESSAGE, fieldErrors: { newsletterId: "That newsletter is archived or no longer exists: choose another." } };
    }
    let id = data.id;
    if (id === undefined) {
      id = await createIssue(data, editor.userId);
    } else if (!(await updateDraft(id, data))) {
      return { status: "error", message: "This issue is already being sent, so it can no longer be changed." };
    }
    redirect(`/desk/newsletters/${id}?saved=1`);
  },
);

const idSchema = z.object({ id: issueId });

/** Sends the email as it is now to the editor's own address. */
export const sendTestIssue = deskAction({ schema: idSchema }, async ({ id }, editor) => {
  const result = await sendTest(id, editor);
  return result.ok ? { status: "ok", message: result.message } : { status: "error", message: result.message };
});

const sendSchema = z.object({
  id: issueId,
  confirm: z.literal("yes", { error: "Tick the box to confirm you want to send this issue to every subscriber." }),
});

/** Sends the issue to every subscriber, after the confirm box was ticked. */
export const sendIssue = deskAction({ schema: sendSchema }, async ({ id }) => {
  const result = await startSending(id);
  if (!result.ok) return { status: "error", message: result.message };
  redirect(`/desk/newsletters/${id}`);
});

/** Resumes a paused issue (or sends again what the server refused): refused deliveries go back in the queue. */
export const resumeIssue = deskAction({ schema: idSchema }, async ({ id }) => {
  const result = await resumeRefused(id);
  if (!result.ok) return { status: "error", message: result.message };
  redirect(`/desk/newsletters/${id}?resumed=1`);
});

const scheduleSchema = z.object({ id: issueId, scheduledAt: z.string({ error: "Give a date and a time." }).max(40) });

/** Schedules a draft for a time in the site's time zone. */
export const scheduleIssueAction = deskAction({ schema: scheduleSchema }, async ({ id, scheduledAt }) => {
  const result = await scheduleIssue(id, scheduledAt);
  if (!result.ok) return { status: "error", message: result.message, fieldErrors: { scheduledAt: result.message } };
  redirect(`/desk/newsletters/${id}?scheduled=1`);
});

/** Cancels a schedule (back to a draft), while sending has not started. */
export const cancelScheduleAction = deskAction({ schema: idSchema }, async ({ id }) => {
  if (!(await cancelSchedule(id))) return { status: "error", message: "Sending has already started (or it was not scheduled): nothing to cancel." };
  redirect(`/desk/newsletters/${id}?unscheduled=1`);
});
