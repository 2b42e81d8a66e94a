import type { Metadata } from "next";
import Link from "next/link";
import { DeskShell } from "@/components/desk/desk-shell";
import { StatusNotice } from "@/components/desk/status-notice";
import { formatDateTime } from "@/components/format";
import { EventList } from "@/components/newsletter/event-list";
import { GuardSettingsForm } from "@/components/newsletter/guard-settings-form";
import { SendFigures } from "@/components/newsletter/send-figures";
import { requireEditor } from "@/lib/desk/guard";
import { noticeText } from "@/lib/desk/notices";
import { recentFigures } from "@/lib/deliverability/guard";
import { sendGuardSettings } from "@/lib/deliverability/guard-settings";
import { mailboxState, recentEvents } from "@/lib/deliverability/history";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Deliverability" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const pctText = (rate: number) => String(Number((rate * 100).toPrecision(4)));

/** Is the list healthy? The last 30 days' figures, the send guard, the bounce mailbox, what came back. */
export default async function DeliverabilityPage({ searchParams }: Props) {
  const editor = await requireEditor("/desk/newsletters/deliverability");
  const [sp, figures, guard, events, mailbox] = await Promise.all([searchParams, recentFigures(30), sendGuardSettings(), recentEvents(50), mailboxState()]);
  return (
    <DeskShell editor={editor} current="newsletters">
      <p>
        <Link href="/desk/newsletters">Newsletters</Link> › Deliverability
      </p>
      <h1>Deliverability</h1>
      <StatusNotice text={noticeText(sp.notice)} />
      <SendFigures figures={figures} caption="Every issue, the last 30 days" testId="figures-30-days" />
      <section aria-labelledby="guard">
        <h2 id="guard">The send guard</h2>
        <p className="desk-hint">
          Every send is weighed as its complaints and bounces come back: past a threshold it pauses itself, and its page says
          which and why; Resume sends the rest.
        </p>
        <GuardSettingsForm values={{ complaintRate: pctText(guard.complaintRate), bounceRate: pctText(guard.bounceRate), minDelivered: String(guard.minDelivered) }} />
      </section>
      <section aria-labelledby="mailbox">
        <h2 id="mailbox">Bounce mailbox</h2>
        {!env.bounceImapUrl ? (
          <p>Not configured: set LEDE_BOUNCE_DOMAIN and LEDE_BOUNCE_IMAP_URL to read bounces of plain SMTP sends (see README, Deliverability).</p>
        ) : !mailbox ? (
          <p>Not read yet.</p>
        ) : (
          <p data-testid="mailbox-state">
            Last read {formatDateTime(new Date(mailbox.checkedAt))}: {mailbox.acted.toLocaleString("en-GB")} bounce and abuse reports acted on in all;{" "}
            <strong data-testid="mailbox-unparsed">{mailbox.unparsed.toLocaleString("en-GB")}</strong> message{mailbox.unparsed === 1 ? "" : "s"} Lede could not read{" "}
            {mailbox.unparsed > 0 ? "left in the mailbox for you to look at" : ""}.
            {mailbox.error ? ` The last read failed: ${mailbox.error}` : ""}
          </p>
        )}
      </section>
      <section aria-labelledby="events">
        <h2 id="events">What came back</h2>
        <EventList events={events} caption="The latest 50 events, newest first" showAddress testId="recent-events" />
      </section>
    </DeskShell>
  );
}
