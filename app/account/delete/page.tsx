import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site/site-header";
import styles from "@/components/newsletter/newsletter.module.css";
import { currentViewer } from "@/lib/auth";
import { env } from "@/lib/config/env";

export const metadata: Metadata = { title: "Delete your account", robots: { index: false } };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** The confirmation step before an account is deleted. */
export default async function DeleteAccountPage({ searchParams }: Props) {
  const viewer = await currentViewer();
  if (viewer.kind === "anonymous") redirect("/signin?callbackUrl=%2Faccount%2Fdelete");
  const error = (await searchParams).error === "confirm";
  return (
    <>
      <SiteHeader siteName={env.siteName} viewer={viewer} returnTo="/" />
      <main id="main" className="narrow">
        <div className="notice">
          <h1>Delete your account?</h1>
          <p>
            This deletes the account of <strong>{viewer.email}</strong>: your sign-ins, the articles you joined from
            and your newsletter subscription. You will be signed out. It cannot be undone, though you can always join
            again with the same address.
          </p>
          <p>
            Want a copy first? <a href="/account/export">Export my data</a>.
          </p>
          <form method="post" action="/account/delete/confirm">
            <div className="check">
              <input
                id="confirm-delete"
                name="confirm"
                type="checkbox"
                value="yes"
                required
                aria-invalid={error || undefined}
                aria-describedby={error ? "confirm-error" : undefined}
                autoFocus={error}
              />
              <label htmlFor="confirm-delete">Yes, delete my account and everything in it</label>
            </div>
            {error && (
              <p className="status error" id="confirm-error" role="alert">
                Tick the box to confirm that you want your account deleted.
              </p>
            )}
            <button type="submit" className={styles.danger}>
              Delete my account
            </button>{" "}
            <Link href="/account">Keep my account</Link>
          </form>
        </div>
      </main>
    </>
  );
}
