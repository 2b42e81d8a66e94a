import type { Metadata } from "next";
import Link from "next/link";
import { SiteHeader } from "@/components/site/site-header";
import { formatDate } from "@/components/site/format";
import styles from "@/components/newsletter/newsletter.module.css";
import { currentViewer } from "@/lib/auth";
import { env } from "@/lib/env";
import { requireEditorPage } from "@/lib/newsletter/editor-guard";
import { listIssues } from "@/lib/newsletter/issues";
import { countActiveSubscribers } from "@/lib/newsletter/subscriptions";

export const metadata: Metadata = { title: "Newsletters", robots: { index: false } };
export const dynamic = "force-dynamic";

const STATUS = { draft: "Draft", sending: "Sending", sent: "Sent" } as const;

/** The desk's newsletter issues: drafts, the one going out, and those sent. */
export default async function NewslettersPage() {
  await requireEditorPage("/desk/newsletters");
  const [viewer, issues, subscribers] = await Promise.all([currentViewer(), listIssues(), countActiveSubscribers()]);
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo="/" />
      <main id="main" className={styles.desk}>
        <p>
          <Link href="/desk">Desk</Link> › Newsletters
        </p>
        <h1>Newsletters</h1>
        <p>
          {subscribers.toLocaleString("en-GB")} confirmed subscriber{subscribers === 1 ? "" : "s"}.{" "}
          <Link href="/desk/newsletters/new" className="button">
            Write a new issue
          </Link>
        </p>
        {issues.length === 0 ? (
          <p>No issues yet.</p>
        ) : (
          <table className={styles.issues}>
            <caption className="visually-hidden">Newsletter issues, newest first</caption>
            <thead>
              <tr>
                <th scope="col">Subject</th>
                <th scope="col">Status</th>
                <th scope="col">Recipients</th>
                <th scope="col">Written</th>
              </tr>
            </thead>
            <tbody>
              {issues.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link href={`/desk/newsletters/${i.id}`}>{i.subject}</Link>
                  </td>
                  <td>
                    <span className={styles.badge} data-status={i.status}>
                      {STATUS[i.status]}
                    </span>
                  </td>
                  <td>{i.status === "draft" ? "—" : i.recipientCount.toLocaleString("en-GB")}</td>
                  <td>{formatDate(i.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </>
  );
}
