import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskShell } from "@/components/desk/desk-shell";
import { ActionButton } from "@/components/newsletter/action-button";
import { NewsletterForm } from "@/components/newsletter/newsletter-form";
import styles from "@/components/newsletter/newsletter.module.css";
import { requireEditor } from "@/lib/desk/guard";
import { env } from "@/lib/env";
import { findNewsletter } from "@/lib/newsletter/newsletters";
import { subscribersLabel } from "@/lib/newsletter/send/readiness";
import { subscriberCounts } from "@/lib/newsletter/subscriptions";
import { WelcomeForm } from "@/components/newsletter/welcome-form";
import { personalise } from "@/lib/newsletter/compose/render";
import { unsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";
import { renderWelcome } from "@/lib/newsletter/welcome/welcome-mail";
import { archiveNewsletter, saveNewsletter, saveWelcome } from "../actions";

export const metadata: Metadata = { title: "Newsletter" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const NOTICES: Record<string, string> = {
  saved: "Saved.",
  archived: "Archived: it sends nothing and takes no new subscribers. Its scheduled issues went back to drafts.",
  restored: "Brought back: readers can subscribe again.",
  welcome: "Welcome mail saved.",
  digest: "Digest saved.",
};

/** One newsletter: its details, archive, welcome mail and digest. */
export default async function NewsletterPage({ params, searchParams }: Props) {
  const { id: rawId } = await params;
  const editor = await requireEditor(`/desk/newsletters/lists/${rawId}`);
  const id = /^[1-9]\d{0,8}$/.test(rawId) ? Number(rawId) : 0;
  const newsletter = await findNewsletter(id);
  if (!newsletter) notFound();
  const [counts, q] = await Promise.all([subscriberCounts(id), searchParams]);
  const notice = Object.keys(NOTICES).find((k) => q[k] === "1");
  const archived = newsletter.archivedAt !== null;
  return (
    <DeskShell editor={editor} current="newsletters">
      <p>
        <Link href="/desk/newsletters">Newsletters</Link> › {newsletter.name}
      </p>
      <h1>
        {newsletter.name} {archived && <span className={styles.badge}>Archived</span>}
      </h1>
      <p role="status" aria-live="polite" className={styles.ok}>
        {notice ? NOTICES[notice] : ""}
      </p>
      <p className="desk-count" data-testid="newsletter-subscriber-count">
        {subscribersLabel(counts.subscribers)}
        {counts.waiting > 0 && `, and ${counts.waiting.toLocaleString("en-GB")} waiting for confirmation`} ·{" "}
        <Link href={`/desk/members?newsletter=${id}&only=subscribers`}>See them</Link>
      </p>
      <NewsletterForm
        action={saveNewsletter}
        siteName={env.siteName}
        newsletter={{ ...newsletter, archived }}
      />
      <section className={styles.panel} aria-labelledby="welcome-heading" id="welcome">
        <h2 id="welcome-heading">Welcome mail</h2>
        <WelcomeForm action={saveWelcome} newsletterId={id} welcome={newsletter} />
        {newsletter.welcomeSubject && (
          <>
            <h3>Preview (plain text, with your own links)</h3>
            <pre className={styles.plain} data-testid="welcome-preview">
              {`Subject: ${newsletter.welcomeSubject}\n\n` +
                personalise(renderWelcome(newsletter), unsubscribeUrl(editor.userId, id), unsubscribeUrl(editor.userId, "all")).text}
            </pre>
            <p>
              <a href={`/desk/newsletters/lists/${id}/welcome-preview`} target="_blank" rel="noopener">
                See it as HTML
              </a>
            </p>
          </>
        )}
      </section>
      <section className={styles.panel} aria-labelledby="archive-heading">
        <h2 id="archive-heading">{archived ? "Archived" : "Archive"}</h2>
        <p>
          {archived
            ? "It sends nothing and takes no new subscribers. Its subscribers and issues are kept."
            : "An archived newsletter sends nothing and takes no new subscribers; its subscribers and past issues are kept, and you can bring it back."}
        </p>
        <ActionButton
          action={archiveNewsletter}
          fields={{ id, archive: archived ? "no" : "yes" }}
          label={archived ? "Bring it back" : "Archive this newsletter"}
          busy={archived ? "Bringing it back…" : "Archiving…"}
        />
      </section>
    </DeskShell>
  );
}
