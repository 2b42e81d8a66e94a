import type { Metadata } from "next";
import Link from "next/link";
import { IssueForm } from "@/components/newsletter/issue-form";
import { SiteHeader } from "@/components/site/site-header";
import styles from "@/components/newsletter/newsletter.module.css";
import { currentViewer } from "@/lib/auth";
import { env } from "@/lib/env";
import { requireEditorPage } from "@/lib/newsletter/editor-guard";
import { pickOptions } from "@/lib/newsletter/compose/picks";
import { saveIssue } from "../actions";

export const metadata: Metadata = { title: "New newsletter issue", robots: { index: false } };
export const dynamic = "force-dynamic";

export default async function NewIssuePage() {
  await requireEditorPage("/desk/newsletters/new");
  const [viewer, picks] = await Promise.all([currentViewer(), pickOptions()]);
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo="/" />
      <main id="main" className={styles.desk}>
        <p>
          <Link href="/desk">Desk</Link> › <Link href="/desk/newsletters">Newsletters</Link> › New issue
        </p>
        <h1>New issue</h1>
        <IssueForm action={saveIssue} picks={picks} />
      </main>
    </>
  );
}
