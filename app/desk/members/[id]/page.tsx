import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskShell } from "@/components/desk/desk-shell";
import { formatDateTime } from "@/components/format";
import { EventList } from "@/components/newsletter/event-list";
import { NEWSLETTER_STATUS } from "@/components/newsletter/newsletter-setting";
import { requireEditor } from "@/lib/desk/guard";
import { memberProfile } from "@/lib/desk/member-profile";
import { memberEvents } from "@/lib/deliverability/history";
import { consentHistory } from "@/lib/newsletter/consent";

export const metadata: Metadata = { title: "Member" };

type Props = { params: Promise<{ id: string }> };

const ACTIONS: Record<string, string> = { "opt-in": "Opted in", confirmed: "Confirmed", imported: "Imported", withdrawn: "Withdrawn" };

/** One member: the newsletter status, the proof of consent and what mail providers reported. */
export default async function MemberPage({ params }: Props) {
  const { id: raw } = await params;
  const id = decodeURIComponent(raw);
  const editor = await requireEditor(`/desk/members/${encodeURIComponent(id)}`);
  const member = await memberProfile(id);
  if (!member) notFound();
  const [consent, events] = await Promise.all([consentHistory(id), memberEvents(id, member.email)]);
  return (
    <DeskShell editor={editor} current="members">
      <p>
        <Link href="/desk/members">Members</Link> › {member.shown}
      </p>
      <h1>{member.shown}</h1>
      <dl className="facts">
        <dt>Newsletter</dt>
        <dd data-testid="member-newsletter">{NEWSLETTER_STATUS[member.newsletter]}</dd>
        <dt>Mail stopped</dt>
        <dd data-testid="member-suppression">{member.suppression ? `${member.suppression.reason} (${member.suppression.source}), ${formatDateTime(member.suppression.at)}: ${member.suppression.detail ?? ""}` : "no"}</dd>
        <dt>Joined</dt>
        <dd>{formatDateTime(member.createdAt)}</dd>
        <dt>Last sign-in</dt>
        <dd>{formatDateTime(member.lastSignInAt)}</dd>
      </dl>
      <section aria-labelledby="consent">
        <h2 id="consent">Proof of consent</h2>
        {consent.length === 0 ? (
          <p>No newsletter consent recorded.</p>
        ) : (
          <table className="desk-table" data-testid="consent-records">
            <caption className="visually-hidden">Each opt-in, confirmation, import and withdrawal, oldest first</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">When</th>
                <th scope="col">Where from</th>
                <th scope="col">Network</th>
                <th scope="col">Browser</th>
                <th scope="col">The words agreed to, or the publisher&apos;s attestation</th>
              </tr>
            </thead>
            <tbody>
              {consent.map((c, i) => (
                <tr key={i}>
                  <th scope="row">{ACTIONS[c.action] ?? c.action}</th>
                  <td>{formatDateTime(c.at)}</td>
                  <td>{c.source}</td>
                  <td>{c.network ?? "—"}</td>
                  <td>{c.userAgent ?? "—"}</td>
                  <td>{c.attestation ?? c.sentence ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="events">
        <h2 id="events">What mail providers reported</h2>
        <EventList events={events} caption="Bounces, complaints and unsubscribes, newest first" showAddress={false} testId="member-events" />
      </section>
    </DeskShell>
  );
}
