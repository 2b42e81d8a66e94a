import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DeskShell } from "@/components/desk/desk-shell";
import { ActionButton } from "@/components/newsletter/action-button";
import { NewsletterForm } from "@/components/newsletter/newsletter-form";
import styles from "@/components/newsletter/newsletter.module.css";
import { requireEditor } from "@/lib/desk/guard";
import { env } from "@/lib/config/env";
import { findNewsletter } from "@/lib/newsletter/newsletters";
import { subscribersLabel } from "@/lib/newsletter/send/readiness";
import { subscriberCounts } from "@/lib/newsletter/subscriptions";
import { WelcomeForm } from "@/components/newsletter/welcome-form";
import { personalise } from "@/lib/newsletter/compose/render";
import { unsubscribeUrl } from "@/lib/newsletter/unsubscribe-token";
import { renderWelcome } from "@/lib/newsletter/welcome/welcome-mail";
import { DigestForm } from "@/components/newsletter/digest-form";
import { pickOptions } from "@/lib/newsletter/compose/picks";
import { digestIfRunNow, nextDigestRun, type DigestArticle } from "@/lib/newsletter/digest/digest";
import { recentDigests } from "@/lib/newsletter/issues";
import { formatWall } from "@/lib/newsletter/schedule/zoned";
import { archiveNewsletter, saveDigest, saveNewsletter, saveWelcome } from "../actions";

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
  const [counts, q, picks, ifNow, digests] = await Promise.all([
    subscriberCounts(id),
    searchParams,
    pickOptions(),
    digestIfRunNow(newsletter),
    recentDigests(id),
  ]);
  const tz = env.siteTimeZone;
  const next = newsletter.digestOn ? nextDigestRun(newsletter) : null;
  const why = (a: DigestArticle) =>
    a.why === "pinned"
      ? "pinned"
      : `${a.why === "read" ? "most read" : "most joined from"}: ${a.reads.toLocaleString("en-GB")} ${a.reads === 1 ? "read" : "reads"}, ${a.joins.toLocaleString("en-GB")} ${a.joins === 1 ? "join" : "joins"}`;
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
      <section className={styles.panel} aria-labelledby="digest-heading" id="digest">
        <h2 id="digest-heading">Digest</h2>
        <p data-testid="digest-next-run">
          {archived
            ? "Archived: no digest is made."
            : next
              ? `Next digest: ${formatWall(next, tz)}, ${newsletter.digestAutoSend ? "sent on its own" : "left as a draft for an editor to approve"}.`
              : "Off: no digest is made."}
        </p>
        <h3>If it ran now</h3>
        <div data-testid="digest-if-now">
          {ifNow.articles.length === 0 ? (
            <p>Nothing new since {formatWall(ifNow.start, tz)}: no digest would be made.</p>
          ) : (
            <>
              <p>
                Since {formatWall(ifNow.start, tz)}, it would hold {ifNow.articles.length}{" "}
                {ifNow.articles.length === 1 ? "article" : "articles"}:
              </p>
              <ol>
                {ifNow.articles.map((a) => (
                  <li key={a.id}>
                    {a.title} <span className={styles.hint}>({why(a)})</span>
                  </li>
                ))}
              </ol>
            </>
          )}
        </div>
        <DigestForm action={saveDigest} newsletterId={id} timeZone={tz} digest={newsletter} picks={picks} />
        {digests.length > 0 && (
          <>
            <h3>Recent digests</h3>
            <ul data-testid="digest-list">
              {digests.map((d) => (
                <li key={d.id}>
                  <Link href={`/desk/newsletters/${d.id}`}>{d.subject}</Link> ({d.status === "draft" ? "draft: waiting for approval" : d.status})
                </li>
              ))}
            </ul>
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
