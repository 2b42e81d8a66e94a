// Whether an issue can be sent now, and if not, the one sentence that says why. The desk
// shows it beside the disabled button and the send action answers with it, so the page
// and what happens never disagree.
import type { NewsletterIssue } from "@/lib/db/schema";
import type { SubscriberCounts } from "../subscriptions";

export type SendReadiness = {
  status: NewsletterIssue["status"];
  /** An intro, or at least one picked article that is still published. */
  hasContent: boolean;
  counts: SubscriberCounts;
};

const people = (n: number, one: string, many: string) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** Subscribers as the desk names them everywhere: "3 subscribers". */
export const subscribersLabel = (n: number) => people(n, "subscriber", "subscribers");

/** Null when the issue can be sent; otherwise why not. */
export function sendBlocker({ status, hasContent, counts }: SendReadiness): string | null {
  if (status === "sent") return "This issue has already been sent.";
  if (status === "sending") return "This issue is being sent now.";
  if (status === "paused") return "Sending this issue is paused: see why above, then resume it.";
  if (!hasContent) return "There is nothing to send yet: write an intro or pick a published article, then save the draft.";
  if (counts.subscribers === 0) {
    const waiting = counts.waiting > 0 ? ` (${people(counts.waiting, "person is", "people are")} waiting for confirmation)` : "";
    return `This newsletter has no subscribers yet${waiting}, so nobody would get this issue.`;
  }
  return null;
}
